#!/usr/bin/env python3
"""Share of DenseAV training pairs (each frame of each train-split clip, its +-0.5 s window of 8 steps moved inside
the clip as PairSampler does) whose window holds no sound event (a hit or scratch, from its time to the end of its
sound), no spoken word, or neither. Needs the standard library only:
    python3 tools/denseav/empty_pairs.py DATA_DIR
"""
import json, re, sys, glob, os
d = sys.argv[1]
proj = open(os.path.join(d, 'project.avlens')).read()
train = re.findall(r'<clips id="(clip-\d+)"[^>]*?split="#//@datasets.0/@splits.0"', proj, re.S)
W, fps, T = 8, 8.0, 32
n = ev = wd = either = 0
for cid in train:
    j = json.load(open(os.path.join(d, 'media', cid + '.json')))
    spans_e = [(e['time'], e['time'] + max(e.get('soundSeconds', 0), e.get('duration', 0), 1 / fps)) for e in j['events'] if 'soundSeconds' in e]
    spans_w = [(w['time'], w['time'] + w['duration']) for w in j.get('words', [])]
    for i in range(T):
        s = max(0, min(T - W, i - W // 2)); a, b = s / fps, (s + W) / fps
        he = any(x < b and y > a for x, y in spans_e); hw = any(x < b and y > a for x, y in spans_w)
        n += 1; ev += not he; wd += not hw; either += not (he or hw)
print(f"{d}: train clips {len(train)}, pairs (every frame of each) {n}: no sound event {ev/n:.3f}, no word {wd/n:.3f}, neither {either/n:.3f}")
