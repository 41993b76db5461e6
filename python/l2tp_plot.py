#!/usr/bin/python3
"""Plots for the ns-3 L2TP module's runs (matplotlib, Debian's python3-matplotlib).

Usage: l2tp_plot.py RUN_DIR

Reads the CSV files a run wrote into RUN_DIR and writes PNG figures next to them:
  messages.csv -> ladder.png   (who sent which L2TP message when)
               -> overhead.png (bytes per message: L2TP header, AVPs, payload)
Unknown or absent CSV files are skipped; a malformed one is an error naming the file, the
line and the column expected.
"""
import csv
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

MESSAGE_COLUMNS = ["time", "src", "dst", "type", "tunnel", "session", "ns", "nr",
                   "udp_payload", "l2tp_header", "avp_bytes", "data_payload"]


def fail(msg):
    print("l2tp_plot: " + msg, file=sys.stderr)
    sys.exit(2)


def read_csv(path, columns):
    rows = []
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            fail("%s: missing column(s) %s; expected %s" % (path, ",".join(missing),
                                                           ",".join(columns)))
        for lineno, row in enumerate(reader, start=2):
            rows.append((lineno, row))
    return rows


def number(path, lineno, row, col, conv=float):
    try:
        return conv(row[col])
    except (TypeError, ValueError):
        fail("%s:%d: column '%s' = %r, expected a number" % (path, lineno, col, row[col]))


def plot_ladder(path, rows, out):
    endpoints = []
    for _, r in rows:
        for e in (r["src"], r["dst"]):
            if e not in endpoints:
                endpoints.append(e)
    xs = {e: i for i, e in enumerate(endpoints)}
    times = [number(path, ln, r, "time") for ln, r in rows]
    # Spread messages evenly along the y axis (simulated gaps can be seconds or microseconds),
    # labelled with their real times.
    fig, ax = plt.subplots(figsize=(7, max(3, 0.42 * len(rows) + 1)))
    for i, ((ln, r), t) in enumerate(zip(rows, times)):
        x0, x1 = xs[r["src"]], xs[r["dst"]]
        color = "tab:gray" if r["type"] == "ZLB" else ("tab:green" if r["type"] == "DATA"
                                                       else "tab:blue")
        ax.annotate("", xy=(x1, i + 0.6), xytext=(x0, i),
                    arrowprops=dict(arrowstyle="->", color=color))
        label = r["type"]
        if r["type"] != "DATA":
            label += " Ns=%s Nr=%s" % (r["ns"], r["nr"])
        ax.text((x0 + x1) / 2, i + 0.2, label, ha="center", va="bottom", fontsize=7)
        ax.text(-0.45, i, "%.6f s" % t, ha="right", va="center", fontsize=6, color="dimgray")
    for e, x in xs.items():
        ax.axvline(x, color="black", linewidth=0.8)
    ax.set_xticks(range(len(endpoints)))
    ax.set_xticklabels(endpoints, fontsize=8)
    ax.xaxis.tick_top()
    ax.set_xlim(-0.9, len(endpoints) - 0.6)
    ax.set_ylim(len(rows) + 0.5, -0.8)
    ax.set_yticks([])
    ax.set_title("L2TP messages on the wire", pad=24)
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)


def plot_overhead(path, rows, out):
    labels, hdr, avp, pay, udp = [], [], [], [], []
    for ln, r in rows:
        labels.append("%s\n%s" % (r["type"], r["src"].split(":")[0]))
        hdr.append(number(path, ln, r, "l2tp_header", int))
        avp.append(number(path, ln, r, "avp_bytes", int))
        pay.append(number(path, ln, r, "data_payload", int))
        udp.append(number(path, ln, r, "udp_payload", int))
    fig, ax = plt.subplots(figsize=(max(6, 0.5 * len(rows) + 2), 4))
    idx = range(len(rows))
    ax.bar(idx, hdr, label="L2TP header", color="tab:orange")
    ax.bar(idx, avp, bottom=hdr, label="AVPs", color="tab:blue")
    ax.bar(idx, pay, bottom=[h + a for h, a in zip(hdr, avp)], label="PPP payload",
           color="tab:green")
    ax.set_xticks(list(idx))
    ax.set_xticklabels(labels, rotation=90, fontsize=6)
    ax.set_ylabel("bytes (UDP payload)")
    ax.set_title("Size of each L2TP message (IP 20 + UDP 8 bytes not shown)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)


def main(argv):
    if len(argv) != 2:
        fail("usage: l2tp_plot.py RUN_DIR")
    run_dir = argv[1]
    if not os.path.isdir(run_dir):
        fail("%s: not a directory (expected a run's output folder)" % run_dir)
    made = []
    messages = os.path.join(run_dir, "messages.csv")
    if os.path.exists(messages):
        rows = read_csv(messages, MESSAGE_COLUMNS)
        if rows:
            plot_ladder(messages, rows, os.path.join(run_dir, "ladder.png"))
            plot_overhead(messages, rows, os.path.join(run_dir, "overhead.png"))
            made += ["ladder.png", "overhead.png"]
    for m in made:
        print(os.path.join(run_dir, m))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
