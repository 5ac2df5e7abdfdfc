"""Shared by the image benchmarks: reads $OUT/times (written by bench_measure in lib.sh) and prints
the median table. Each row of `times` is "label wall_s maxrss_kb user_s sys_s rc"."""
import statistics


class Runs:
    def __init__(self, out):
        self.runs = {}
        for line in open(out + "/times"):
            label, wall, rss, user, sys_, rc = line.split()
            self.runs.setdefault(label, []).append((float(wall), int(rss), int(rc), float(user) + float(sys_)))

    def has(self, label):
        return label in self.runs

    def wall(self, label):
        return statistics.median(r[0] for r in self.runs[label])

    def peak_mb(self, label):
        return statistics.median(r[1] for r in self.runs[label]) / 1024

    def cpu(self, label):
        return statistics.median(r[3] for r in self.runs[label])

    def print_table(self, labels, note):
        """One markdown row per label; note(label) gives the last column."""
        print("| run | wall s | min-max s | cpu s | peak MB | rc | result |")
        print("|---|---:|---:|---:|---:|---|---|")
        for label in labels:
            if label not in self.runs:
                print(f"| {label} | - | - | - | - | - | skipped |")
                continue
            walls = [r[0] for r in self.runs[label]]
            rcs = ",".join(sorted({str(r[2]) for r in self.runs[label]}))
            print(f"| {label} | {self.wall(label):.2f} | {min(walls):.2f}-{max(walls):.2f} | "
                  f"{self.cpu(label):.2f} | {self.peak_mb(label):.0f} | {rcs} | {note(label)} |")


def ratio(a, b):
    return f"{a / b:.2f}x" if b > 0 else "-"
