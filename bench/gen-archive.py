#!/usr/bin/env python3
"""Writes a newsroom archive for benchmarks: N JSON articles in YEAR/MONTH folders, ~3 KB of Hindi text each.

usage: gen-archive.py OUT_DIR N [--seed S] [--port P] [--years Y] [--store]

OUT_DIR/articles/YEAR/MONTH/<slug>-<n>.json holds the articles (published dates spread evenly over the last Y years,
newest in the current month), OUT_DIR/feeds-config.yaml serves them with the shipped categories (one directory source,
watch on, the default 30-second rescan). With --store the config serves the store source 'archive' instead (the
embedded store in OUT_DIR/data), for `pravah import OUT_DIR/articles --config OUT_DIR/feeds-config.yaml` to fill.
Same N and seed: the same bytes, so runs before and after a change compare.
Standard library only; about 1 M articles in a few minutes (the files dominate; one makedirs per month folder).
"""
import argparse
import datetime
import json
import os
import random

# the shipped feeds-config.yaml's categories (slug, label, children)
CATEGORIES = [
    ("desh", "देश", "देश भर की ख़बरें", "India, National, भारत, राष्ट्रीय", [("rajya", "राज्य", "States, State")]),
    ("videsh", "विदेश", "दुनिया भर की ख़बरें", "World, दुनिया, अंतरराष्ट्रीय",
     [("asia", "एशिया", "Asia"), ("america", "अमेरिका", "America, USA")]),
    ("khel", "खेल", None, "Sports, Sport", [("cricket", "क्रिकेट", "Cricket")]),
    ("vyapar", "व्यापार", None, "Business, बिज़नेस, कारोबार", []),
    ("manoranjan", "मनोरंजन", None, "Entertainment, बॉलीवुड", []),
    ("takneek", "तकनीक", None, "Technology, Tech, टेक्नोलॉजी", []),
    ("swasthya", "स्वास्थ्य", None, "Health", []),
]
SLUGS = [c[0] for c in CATEGORIES] + [child[0] for c in CATEGORIES for child in c[4]]

PLACES = ["जयपुर", "पटना", "भोपाल", "लखनऊ", "रांची", "देहरादून", "शिमला", "नागपुर", "इंदौर", "वाराणसी", "अजमेर",
          "कोटा", "गया", "जबलपुर", "मेरठ", "उदयपुर", "बीकानेर", "सागर", "धनबाद", "हल्द्वानी"]
SUBJECTS = ["नगर निगम", "ज़िला प्रशासन", "राज्य सरकार", "किसान संगठन", "व्यापार मंडल", "विश्वविद्यालय", "रेलवे बोर्ड",
            "स्वास्थ्य विभाग", "खेल संघ", "पंचायत समिति", "बिजली कंपनी", "जल बोर्ड", "शिक्षक संघ", "पर्यटन विभाग"]
TOPICS = ["नई सड़क", "पेयजल योजना", "फ़सल बीमा", "स्टेडियम की मरम्मत", "ऑनलाइन दाख़िले", "बस अड्डे का विस्तार",
          "सौर ऊर्जा संयंत्र", "ज़िला अस्पताल", "हाट बाज़ार", "पुराने क़िले का संरक्षण", "रात्रि बस सेवा",
          "बाल मेला", "कबड्डी प्रतियोगिता", "मंडी के भाव", "डिजिटल पुस्तकालय", "झील की सफ़ाई"]
VERBS = ["को मंज़ूरी मिली", "पर काम शुरू", "की समीक्षा हुई", "के लिए बजट तय", "पर बहस तेज़", "का उद्घाटन आज",
         "की समय-सीमा बढ़ी", "पर नया फ़ैसला", "के नतीजे घोषित", "की तैयारी पूरी"]
OPENERS = [
    "{place}: {subject} ने {topic} से जुड़ी योजना पर बुधवार को अहम बैठक की।",
    "{place} में {topic} को लेकर लोगों की उम्मीदें एक बार फिर बढ़ गई हैं।",
    "{subject} के अधिकारियों ने बताया कि {topic} का काम तय समय से पहले पूरा हो सकता है।",
    "{place}: लंबे इंतज़ार के बाद {topic} के लिए पहली किस्त जारी कर दी गई है।",
]
SENTENCES = [
    "स्थानीय निवासियों का कहना है कि इस फ़ैसले से रोज़मर्रा की कई परेशानियां कम होंगी।",
    "{subject} के प्रवक्ता ने कहा कि काम की निगरानी हर हफ़्ते की जाएगी।",
    "पिछले साल भी इसी तरह की घोषणा हुई थी, लेकिन बारिश के कारण काम रुक गया था।",
    "व्यापारियों ने उम्मीद जताई कि त्योहारों से पहले बाज़ार में रौनक लौटेगी।",
    "बैठक में तय हुआ कि {topic} से जुड़ी शिकायतें अब ऑनलाइन भी दर्ज की जा सकेंगी।",
    "विशेषज्ञों के अनुसार ऐसे कामों में स्थानीय लोगों की भागीदारी सबसे ज़रूरी होती है।",
    "{place} के बुज़ुर्ग याद करते हैं कि चार दशक पहले हालात बिल्कुल अलग थे।",
    "ज़िला कलेक्टर ने अधिकारियों को निर्देश दिए कि गुणवत्ता से कोई समझौता न हो।",
    "विपक्ष ने योजना की लागत पर सवाल उठाए और पूरी जानकारी सार्वजनिक करने की मांग की।",
    "पहले चरण में बारह गांवों और तीन वार्डों को शामिल किया जाएगा।",
    "छात्रों और युवाओं ने सोशल मीडिया पर इस पहल का स्वागत किया।",
    "मौसम विभाग ने अगले तीन दिन हल्की बारिश की संभावना जताई है, जिससे काम की रफ़्तार पर असर पड़ सकता है।",
    "अधिकारियों ने भरोसा दिलाया कि किसी भी परिवार को बेघर नहीं होने दिया जाएगा।",
    "इस काम के लिए केंद्र और राज्य सरकार मिलकर ख़र्च उठाएंगी।",
    "खिलाड़ियों ने कहा कि बेहतर मैदान मिलने से अभ्यास में बड़ी मदद मिलेगी।",
    "डॉक्टरों ने लोगों से अपील की कि वे साफ़ पानी पिएं और भीड़ वाली जगहों पर सावधानी बरतें।",
    "नगर के पुराने बाज़ार में सुबह से ही ख़रीदारों की भीड़ दिखाई दी।",
    "{subject} ने साफ़ किया कि आवेदन की आख़िरी तारीख़ आगे नहीं बढ़ाई जाएगी।",
    "शिक्षकों का मानना है कि इससे दूर-दराज़ के बच्चों को भी बराबर मौक़ा मिलेगा।",
    "रिपोर्ट के मुताबिक़ पिछले पांच साल में इस क्षेत्र की आबादी लगभग दोगुनी हो गई है।",
]
TAGS = ["चुनाव", "बजट", "मानसून", "किसान", "शिक्षा", "स्वास्थ्य", "रेल", "क्रिकेट", "कबड्डी", "फ़िल्म", "रोज़गार",
        "पर्यावरण", "धरोहर", "जल संरक्षण", "बिजली", "सड़क", "त्योहार", "पर्यटन", "स्टार्टअप", "मौसम"]
AUTHORS = ["मीनाक्षी राठौड़", "गिरधर पालीवाल", "सुरेश मीणा", "आयशा ख़ान", "रघुवीर सिंह", "नंदिनी त्रिपाठी"]
IST = datetime.timezone(datetime.timedelta(hours=5, minutes=30))


def article(rnd, n, when):
    place, subject, topic = rnd.choice(PLACES), rnd.choice(SUBJECTS), rnd.choice(TOPICS)
    fill = {"place": place, "subject": subject, "topic": topic}
    paragraphs, size = [], 0
    # ~3 KB of UTF-8 (Devanagari is 3 bytes a character): four or five paragraphs of a few sentences
    while size < 2600:
        sentences = [rnd.choice(OPENERS if not paragraphs else SENTENCES).format(**fill)]
        sentences += [rnd.choice(SENTENCES).format(**fill) for _ in range(rnd.randint(2, 4))]
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph.encode("utf-8"))
    slug = rnd.choice(SLUGS)
    categories = [slug] if rnd.random() < 0.8 else [slug, rnd.choice(SLUGS)]
    return {
        "id": f"{when:%Y-%m}-{n}",
        "title": f"{place}: {topic} {rnd.choice(VERBS)} (क्रमांक {n})",
        "summary": paragraphs[0].split("।")[0] + "।",
        "body": "\n\n".join(paragraphs),
        "categories": list(dict.fromkeys(categories)),
        "tags": rnd.sample(TAGS, rnd.randint(1, 4)),
        "published": when.isoformat(timespec="seconds"),
        "author": rnd.choice(AUTHORS),
    }


def config(port, store):
    lines = ["# Written by bench/gen-archive.py: the shipped categories, one directory source.", "site:",
             '  title: "प्रवाह अभिलेखागार परीक्षण"', f'  baseUrl: "http://127.0.0.1:{port}"', "  language: hi",
             "  timeZone: Asia/Kolkata", "server:", f"  port: {port}", "feeds:", "  itemsPerFeed: 50",
             "reload: {watch: true, rescanSeconds: 30}", "categories:"]
    for slug, label, description, aliases, children in CATEGORIES:
        lines += [f"  - slug: {slug}", f"    label: {label}"]
        if description:
            lines.append(f'    description: "{description}"')
        lines.append(f"    aliases: [{aliases}]")
        if children:
            lines.append("    children:")
            for cslug, clabel, caliases in children:
                lines += [f"      - slug: {cslug}", f"        label: {clabel}", f"        aliases: [{caliases}]"]
    if store:
        lines += ["sources:", "  - name: archive", "    type: store", ""]
    else:
        lines += ["sources:", "  - name: archive", "    type: directory", "    path: articles", ""]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--store", action="store_true", help="serve a store source, to be filled by pravah import")
    args = parser.parse_args()
    rnd = random.Random(args.seed)
    os.makedirs(args.out_dir, exist_ok=True)
    with open(os.path.join(args.out_dir, "feeds-config.yaml"), "w", encoding="utf-8") as f:
        f.write(config(args.port, args.store))
    newest = datetime.datetime(2026, 11, 30, 18, 0, tzinfo=IST)
    span = datetime.timedelta(days=365 * args.years).total_seconds()
    step = span / max(args.n, 1)
    made = set()
    articles = os.path.join(args.out_dir, "articles")
    for n in range(args.n):
        # oldest first, so each month folder is made once and filled before the next
        when = newest - datetime.timedelta(seconds=int(span - n * step) + rnd.randint(0, 600))
        folder = os.path.join(articles, f"{when:%Y}", f"{when:%m}")
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        a = article(rnd, n, when)
        with open(os.path.join(folder, f"{a['categories'][0]}-{n}.json"), "w", encoding="utf-8") as f:
            json.dump(a, f, ensure_ascii=False, indent=1)
        if (n + 1) % 100000 == 0:
            print(f"{n + 1} articles", flush=True)
    print(f"{args.n} articles in {len(made)} month folders under {articles}; config {args.out_dir}/feeds-config.yaml")


if __name__ == "__main__":
    main()
