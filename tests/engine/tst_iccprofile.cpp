// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: Pixelmill developers
#include "engine/image/iccprofile.h"

#include <QTest>

#include <cstdint>
#include <vector>

using namespace pixelmill;

namespace {

void putBigEndian32(std::vector<unsigned char> &bytes, std::size_t at, std::uint32_t value)
{
    for (int i = 0; i < 4; ++i)
        bytes[at + i] = static_cast<unsigned char>(value >> (24 - 8 * i));
}

// Header, a tag table of two entries and their data, as a display profile lays it out.
std::vector<unsigned char> soundProfile()
{
    std::vector<unsigned char> p(128 + 4 + 2 * 12 + 40, 0);
    putBigEndian32(p, 0, std::uint32_t(p.size()));
    p[36] = 'a', p[37] = 'c', p[38] = 's', p[39] = 'p';
    putBigEndian32(p, 128, 2);
    const char *names[] = {"desc", "wtpt"};
    for (int i = 0; i < 2; ++i) {
        const std::size_t entry = 132 + std::size_t(i) * 12;
        for (int c = 0; c < 4; ++c)
            p[entry + c] = static_cast<unsigned char>(names[i][c]);
        putBigEndian32(p, entry + 4, std::uint32_t(156 + i * 20));
        putBigEndian32(p, entry + 8, 20);
    }
    return p;
}

// An APP2 segment holding one chunk of a profile.
QByteArray iccSegment(const QByteArray &chunk, int sequence, int count)
{
    const int length = 2 + 14 + int(chunk.size());
    return QByteArray("\xff\xe2", 2) + char(length >> 8) + char(length & 0xff) + QByteArray("ICC_PROFILE", 12)
        + char(sequence) + char(count) + chunk;
}

QString problemOf(const std::vector<unsigned char> &p)
{
    return iccProfileProblem(p.data(), p.size());
}

} // namespace

class TestIccProfile final : public QObject
{
    Q_OBJECT

private slots:
    // Chunks out of order, between other segments: joined in sequence order,
    // and the rest of the file kept without them.
    void aJpegsProfileIsTakenOut()
    {
        const QByteArray comment = QByteArray("\xff\xfe\x00\x05hi!", 7);
        const QByteArray rest = QByteArray("\xff\xda\x00\x02scan\xff\xd9", 10);
        const QByteArray jpeg = QByteArray("\xff\xd8", 2) + iccSegment("WORLD", 2, 2) + comment
            + iccSegment("HELLO ", 1, 2) + rest;
        const std::vector<unsigned char> whole {'H', 'E', 'L', 'L', 'O', ' ', 'W', 'O', 'R', 'L', 'D'};
        const SeparatedJpegProfile separated = separateJpegIccProfile(jpeg);
        QCOMPARE(separated.profile, whole);
        QCOMPARE(separated.withoutProfile, QByteArray("\xff\xd8", 2) + comment + rest);
        QCOMPARE(jpegIccProfile(jpeg), whole);
        QVERIFY(jpegIccProfile(QByteArray("not a jpeg")).empty());
    }

    void soundProfilePasses()
    {
        QCOMPARE(problemOf(soundProfile()), QString());
        std::vector<unsigned char> padded = soundProfile();
        padded.resize(padded.size() + 3, 0); // bytes after the declared end are harmless
        QCOMPARE(problemOf(padded), QString());
    }

    void damageIsNamed_data()
    {
        QTest::addColumn<int>("damage");
        QTest::addColumn<QString>("expected");
        QTest::newRow("short") << 0 << "only 100 bytes, too short for a profile";
        QTest::newRow("not a profile") << 1 << "no ICC profile signature";
        QTest::newRow("cut off") << 2 << "cut off: 180 of 196 bytes";
        QTest::newRow("impossible size") << 3 << "its header declares an impossible size of 64 bytes";
        QTest::newRow("tag table") << 4 << "its tag table (1000 tags) runs past its end";
        QTest::newRow("tag data") << 5 << "tag 'wtpt' points past its end";
        QTest::newRow("tag offset wraps") << 6 << "tag 'desc' points past its end";
    }
    void damageIsNamed()
    {
        QFETCH(int, damage);
        QFETCH(QString, expected);
        std::vector<unsigned char> p = soundProfile();
        switch (damage) {
        case 0: p.resize(100); break;
        case 1: p[36] = 'x'; break;
        case 2: p.resize(180); break;
        case 3: putBigEndian32(p, 0, 64); break;
        case 4: putBigEndian32(p, 128, 1000); break;
        case 5: putBigEndian32(p, 144 + 8, 21); break;
        case 6: putBigEndian32(p, 132 + 4, 0xfffffff0u); break;
        }
        QCOMPARE(problemOf(p), expected);
    }
};

QTEST_GUILESS_MAIN(TestIccProfile)
#include "tst_iccprofile.moc"
