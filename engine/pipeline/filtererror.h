// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#pragma once

#include <QString>

#include <stdexcept>

namespace pixelmill {

/// Thrown by a filter that cannot process this particular image (e.g. a crop
/// rectangle outside it). The job fails with the message; the batch goes on.
class FilterError : public std::runtime_error
{
public:
    explicit FilterError(const QString &message)
        : std::runtime_error(message.toStdString()), m_message(message)
    {
    }
    QString message() const { return m_message; }

private:
    QString m_message;
};

} // namespace pixelmill
