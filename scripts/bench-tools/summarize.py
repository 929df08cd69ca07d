#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Turns scripts/bench's raw.tsv into results.json, table.md and chart.dat (medians, ratios).
import csv
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys

raw_path, corpus, out_dir = sys.argv[1:4]


def pixel_size(row):
    """The manifest's WxH, or the file's own when the corpus was made without a tool to read it ("?")."""
    if row["wxh"] != "?":
        return tuple(int(v) for v in row["wxh"].split("x"))
    path = os.path.join(corpus, row["file"])
    return tuple(int(subprocess.check_output(["vipsheader", "-f", field, path], text=True, stderr=subprocess.DEVNULL)) for field in ("width", "height"))


# Inputs per workload: count and megapixels, from the corpus manifest.
inputs = {"jpeg": [0, 0.0], "png": [0, 0.0]}
with open(os.path.join(corpus, "MANIFEST.tsv")) as f:
    for row in csv.DictReader(f, delimiter="\t"):
        kind = row["file"].split("/")[0]
        w, h = pixel_size(row)
        inputs[kind][0] += 1
        inputs[kind][1] += w * h / 1e6
workload_input = {"W1": "jpeg", "W2": "jpeg", "W3": "jpeg", "W4": "png"}
families = {"libvips-1proc": "libvips", "imagemagick-omp": "imagemagick"}

runs = {}
with open(raw_path) as f:
    for row in csv.DictReader(f, delimiter="\t"):
        if row["run"] == "warmup":
            continue
        runs.setdefault((row["workload"], row["tool"]), []).append(row)

results = {}
for (workload, tool), rows in runs.items():
    ok = all(r["status"] == "0" for r in rows)
    wall = statistics.median(float(r["wall_s"]) for r in rows)
    n, mp = inputs[workload_input[workload]]
    results.setdefault(workload, {})[tool] = {
        "wall_s_median": wall,
        "wall_s_all": [float(r["wall_s"]) for r in rows],
        "images_per_s": n / wall,
        "megapixels_per_s": mp / wall,
        "peak_rss_mib": statistics.median(int(r["peak_kb"]) for r in rows) / 1024,
        "outputs": int(rows[-1]["outputs"]),
        "ok": ok,
    }

def best(workload, family):
    cands = [(v["wall_s_median"], t) for t, v in results[workload].items()
             if (families.get(t, t) == family) and v["ok"]]
    return min(cands) if cands else None

summary = {}
for workload, tools in sorted(results.items()):
    pm = tools.get("pixelmill")
    ratios = {}
    for family in ("opencv-loop", "libvips", "imagemagick", "graphicsmagick"):
        b = best(workload, family)
        if pm and b:
            ratios[family] = {"ratio": pm["wall_s_median"] / b[0], "peer_config": b[1]}
    summary[workload] = ratios

def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""

machine = {
    "date": datetime.datetime.now().isoformat(timespec="seconds"),
    "cpu": sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip(),
    "cores": os.cpu_count(),
    "kernel": platform.release(),
    "versions": {
        "opencv": sh("pkg-config --modversion opencv4"),
        "libvips": sh("vips --version"),
        "imagemagick": sh("convert -version | head -1"),
        "graphicsmagick": sh("gm -version | head -1"),
    },
}

lines = [f"Run {machine['date']} on {machine['cpu']} ({machine['cores']} cores); "
         f"OpenCV {machine['versions']['opencv']}, {machine['versions']['libvips']}, "
         f"{machine['versions']['imagemagick']}, {machine['versions']['graphicsmagick']}.", "",
         "| workload | tool | wall s (median) | img/s | MP/s | peak RSS MiB | Pixelmill / tool |",
         "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
for workload, tools in sorted(results.items()):
    pm = tools.get("pixelmill")
    for tool, v in sorted(tools.items(), key=lambda kv: kv[1]["wall_s_median"]):
        ratio = f"{pm['wall_s_median'] / v['wall_s_median']:.2f}" if pm and tool != "pixelmill" else ""
        flag = "" if v["ok"] else " (failed)"
        lines.append(f"| {workload} | {tool}{flag} | {v['wall_s_median']:.2f} | {v['images_per_s']:.1f} | "
                     f"{v['megapixels_per_s']:.0f} | {v['peak_rss_mib']:.0f} | {ratio} |")
# Pixelmill's other configurations (the window, non-default options) against the peers too.
lines.append("")
for workload, tools in sorted(results.items()):
    for tool in sorted(t for t in tools if t.startswith("pixelmill-")):
        peers = [(family, best(workload, family)) for family in ("opencv-loop", "libvips", "imagemagick",
                                                                 "graphicsmagick")]
        ratios = ", ".join(f"{family} {tools[tool]['wall_s_median'] / b[0]:.2f}" for family, b in peers if b)
        lines.append(f"{workload} {tool} / best of each peer: {ratios}  ")
        summary[workload][tool] = {family: tools[tool]["wall_s_median"] / b[0] for family, b in peers if b}
with open(os.path.join(out_dir, "table.md"), "w") as f:
    f.write("\n".join(lines) + "\n")

with open(os.path.join(out_dir, "results.json"), "w") as f:
    json.dump({"machine": machine, "inputs": inputs, "results": results, "ratios": summary}, f, indent=2)

# chart.dat: one row per workload, columns per tool family (best config), seconds.
order = ["pixelmill", "opencv-loop", "libvips", "imagemagick", "graphicsmagick"]
with open(os.path.join(out_dir, "chart.dat"), "w") as f:
    f.write("workload " + " ".join(order) + "\n")
    for workload in sorted(results):
        vals = []
        for family in order:
            b = (results[workload]["pixelmill"]["wall_s_median"], "pixelmill") if family == "pixelmill" \
                and "pixelmill" in results[workload] else best(workload, family)
            vals.append(f"{b[0]:.3f}" if b else "NaN")
        f.write(workload + " " + " ".join(vals) + "\n")
