#!/usr/bin/env python3
"""Writes a synthetic Hindi site for load tests: feeds-config.yaml and N JSON articles over 30 categories.

usage: corpus.py DIR [N] [PORT]
"""
import json
import os
import random
import sys

ROOTS = [("desh", "देश"), ("videsh", "विदेश"), ("khel", "खेल"), ("vyapar", "व्यापार"), ("manoranjan", "मनोरंजन"),
         ("takneek", "तकनीक"), ("swasthya", "स्वास्थ्य"), ("shiksha", "शिक्षा"), ("krishi", "कृषि"), ("mausam", "मौसम")]
CHILDREN = [("pradesh", "प्रदेश"), ("vishleshan", "विश्लेषण")]
WORDS = ("सरकार बैठक फ़ैसला योजना किसान बाज़ार शहर गांव विद्यालय अस्पताल सड़क बारिश टीम मैच खिलाड़ी फ़िल्म संगीत "
         "कंपनी रोज़गार बिजली पानी रेल उड़ान चुनाव संसद अदालत पुलिस मेला त्योहार पुस्तक विज्ञान").split()


def main():
    root = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    port = int(sys.argv[3]) if len(sys.argv) > 3 else 8080
    rnd = random.Random(2026)
    os.makedirs(os.path.join(root, "articles"), exist_ok=True)
    cats = []
    lines = ["site:", '  title: "प्रवाह लोड परीक्षण"', f'  baseUrl: "http://127.0.0.1:{port}"', "  language: hi",
             "  timeZone: Asia/Kolkata", "server:", f"  port: {port}", "feeds:", "  itemsPerFeed: 50",
             "reload: {watch: true, rescanSeconds: 30}", "categories:"]
    for i, (slug, label) in enumerate(ROOTS):
        lines += [f"  - slug: {slug}", f"    label: {label}", "    children:"]
        cats.append(slug)
        for cslug, clabel in CHILDREN:
            lines += [f"      - slug: {slug}-{cslug}", f"        label: {label} {clabel}"]
            cats.append(f"{slug}/{slug}-{cslug}")
    lines += ["sources:", "  - name: local", "    type: directory", "    path: articles", ""]
    with open(os.path.join(root, "feeds-config.yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    for i in range(n):
        cat = cats[i % len(cats)]
        folder = os.path.join(root, "articles", cat.split("/")[0])
        os.makedirs(folder, exist_ok=True)
        title = " ".join(rnd.choice(WORDS) for _ in range(7)) + f" ({i})"
        body = "\n\n".join(" ".join(rnd.choice(WORDS) for _ in range(40)) + "।" for _ in range(4))
        day, minute = 1 + (i // 1440) % 28, i % 1440
        article = {"id": f"a{i}", "title": title, "summary": " ".join(rnd.choice(WORDS) for _ in range(15)) + "।",
                   "body": body, "categories": [cat], "tags": [rnd.choice(WORDS), rnd.choice(WORDS)],
                   "published": f"2026-10-{day:02d}T{minute // 60:02d}:{minute % 60:02d}:00+05:30",
                   "author": "संवाददाता"}
        with open(os.path.join(folder, f"a{i}.json"), "w", encoding="utf-8") as f:
            json.dump(article, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
