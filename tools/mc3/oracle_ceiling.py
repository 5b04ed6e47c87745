#!/usr/bin/env python3
"""How far a perfect encoder could take video->audio retrieval on AV-Shapes, from the sidecars' ground truth.

    python3 tools/mc3/oracle_ceiling.py DATA_DIR [EMBEDDINGS.csv]

DATA_DIR is an `avlens synth` folder (media/clip-*.json, the sidecars). For every clip, a video-side code and an
audio-side code are built only from what that modality can perceive:

* video: the on-screen objects that sound (hits and scratches of objects 1..3) - when each starts and ends (frames),
  what it is made of (colour), whether it falls and bounces or slides (motion), its size (radius) and its speed;
* audio: every sounding event, off-screen hits included (which the audio cannot tell from on-screen ones): when it
  starts and ends, its material (timbre: the modal ratios and decays of a hit, the low-pass colour of a scratch),
  hit or scratch (a decaying tone against sliding noise; an off-screen hit sounds like a hit), size (a hit's pitch is
  f0(material) * 5 / radius, so pitch and timbre give the radius; a scratch's noise says nothing of size; an off-screen
  hit sounds like a radius of 6.4 px) and speed (a hit's amplitude 0.1 + 0.15 * speed, which saturates at 4 m/s; a
  scratch's loudness follows its sliding speed).

Silent objects (drifts) are seen but never heard, so neither code holds them. The ladder adds one kind of
information per rung (each an event tuple):

  a  frames            (start frame, end frame)
  b  + material        (..., material)
  c  + action          (..., hit | scratch)
  d  + size            (..., radius in 3 equal bins of its range 4.48-7.68 px; hits only: a scratch's sound has no
                        size)
  e  + speed/loudness  (..., speed in 3 equal bins: a hit's of 0.6-4 m/s, where its loudness stops growing, a
                        scratch's starting speed of 0.5-3 m/s)
  f  exact             (..., radius and speed as the sidecar rounds them, 0.001): a fingerprint of the clip, the
                        ceiling of any code (only the clips whose picture shows nothing that sounds are lost)

Sub-frame timing carries nothing here: the planner puts every contact on a frame and starts its sound on that
frame's first sample, and the retrieval sets have no audio lag (Synth.java passes lag range 0), so an event's exact
onset is its frame / fps.

Each rung is scored as same-clip video->audio R@1, ranked exactly as Mc3Evaluation ranks (gallery = every clip's
audio, rank = number of audios scoring >= the own one, so ties count against), with these similarities:

* step code (cosine): one binary value per video step and channel, a channel per distinct attribute tuple (rung a:
  1 channel, b: 5 materials, c: 10, d: 20, e: up to 60), from the event's start to its end frame; video and audio
  codes L2-normalised, similarity = dot product. What a per-step embedding with that many channels per step could
  hold, matched the way the model matches (rung a is diagnose.py's timing oracle).
* event matching (the best decision from that information): the set of distinct event tuples each side perceives;
  a candidate audio that lacks one of the video's events cannot be the clip's own (score -1000 per missing event),
  and among those that hold all of them, fewer extra events (which the own audio can only have as off-screen hits)
  rank first (score -1 per extra event).
* bag (cosine): the counts of each event tuple less its frames, i.e. what sounds with no timing at all (a clip-level
  code).
* the step code again in galleries of 32 (a training batch): 200 random ones, and 200 of one random clip with the 31
  clips nearest to it by the frames code (a batch of timing-alike clips: hard negatives for a timing code).

Then matching R@1 by clip kind (an on-screen sounding action / only an off-screen sound / no sound at all), the step
code and matching R@1 with size and speed in q = 2, 3, 5, 10 equal bins or exact (how finely a code must tell them),
and matching without one attribute or without frames.

With EMBEDDINGS.csv (tools/mc3/Dump.java's rows of a model, any k, for the same folder): where the model stands
against these codes - its R@1 (also in random galleries of 32, and in galleries of one clip and the 31 audios
nearest to its audio by the model's own per-step part, a batch mined without labels, beside the oracle codes in the
same galleries); for its misses, whether its top wrong audio has the
same code as the own audio at each rung or holds every video event of the query (a confusion that information
could not resolve); pairwise accuracy sim(v_i, a_i) > sim(v_i, a_j) on pairs whose frames code is equal but whose
material code differs; R@1 when one part of the model is replaced by an oracle (the model's clip-level part beside
the oracle's timing step code, its per-step part beside the oracle's bag of rung e, each z-scored, at weights 0.5-4);
and cross-validated linear probes (ridge, 5 folds by clip) of a hit's material from the per-step values at steps
t-1..t+2 of its onset and of "the clip has a sounding event of material m" from the clip-level and the per-step
values. numpy only.
"""
import json
import sys
from pathlib import Path

import numpy as np

from diagnose import load as load_rows  # Dump.java's rows: ids, audio, video, text

MATERIALS = ('wood', 'metal', 'glass', 'ceramic', 'rubber')
KINDS = ('on-screen sound', 'off-screen only', 'no sound')
RUNGS = 'abcdef'
NAMES = {'a': 'frames', 'b': '+ material', 'c': '+ action (hit/scratch)', 'd': '+ size (hits, 3 bins)',
         'e': '+ speed (3 bins)', 'f': 'exact (size, speed)'}
OFFSCREEN_RADIUS = 6.4  # ClipWriter: an off-screen hit sounds like an object of 0.1 * 64 px


R_LO, R_HI = 64 * 0.07, 64 * 0.12  # ScenePlanner: radius = size * (0.07 + 0.05 u)
V_LO, V_HI = 0.6, 4.0  # hits slower than 0.6 m/s make no sound; a hit's loudness stops growing at 4 m/s


def qbin(x, lo, hi, q):
    """x in q equal bins of [lo, hi]; q 0 = exact (the sidecar's rounding)."""
    if q == 0:
        return round(x, 3)
    return int(min(q - 1, max(0, np.floor((x - lo) / (hi - lo) * q))))


def size_bin(radius, q=3):
    return qbin(radius, R_LO, R_HI, q)


def speed_bin(speed, q=3):
    return qbin(speed, V_LO, V_HI, q)


def load_clip(path, fps):
    """(kind, video events, audio events); each event a dict of what both sides perceive of it."""
    d = json.load(open(path))
    radius = {o['id']: o['radius'] for o in d['objects']}
    video, audio = [], []
    for e in d['events']:
        if e['type'] not in ('hit', 'scratch', 'offscreen'):
            continue
        on = e['type'] != 'offscreen' and e['objectId'] > 0
        action = 'scratch' if e['type'] == 'scratch' else 'hit'
        speed = min(e['speed'], 4.0) if action == 'hit' else e['speed']
        size = (radius[e['objectId']] if on else OFFSCREEN_RADIUS) if action == 'hit' else None
        ev = dict(start=int(e['frame']), end=int(round(e['frame'] + e['duration'] * fps)), material=e['material'],
                  action=action, radius=size, speed=round(speed, 3))
        audio.append(ev)
        if on:
            video.append(ev)
    kind = KINDS[0] if video else (KINDS[1] if audio else KINDS[2])
    return kind, video, audio


SPECS = {'a': dict(), 'b': dict(material=1), 'c': dict(material=1, action=1),
         'd': dict(material=1, action=1, size=3), 'e': dict(material=1, action=1, size=3, speed=3),
         'f': dict(material=1, action=1, size=0, speed=0)}


def key(ev, rung):
    """The event tuple a rung (a letter of SPECS, or a spec dict) sees."""
    spec = SPECS[rung] if isinstance(rung, str) else rung
    k = (ev['start'], ev['end']) if spec.get('frames', 1) else ()
    if spec.get('material'):
        k += (ev['material'],)
    if spec.get('action'):
        k += (ev['action'],)
    if 'size' in spec:
        k += (-1 if ev['radius'] is None else size_bin(ev['radius'], spec['size']),)
    if 'speed' in spec:
        q = spec['speed']
        k += (speed_bin(ev['speed'], q) if ev['action'] == 'hit' else qbin(ev['speed'], 0.5, 3.0, q),)
    return k


def step_codes(clips, rung, steps):
    """Cosine similarities of the step codes: a channel per distinct attribute tuple (the event tuple less its
    frames), one binary value per step and channel from each event's start to its end frame."""
    chan = {}
    for _, v, a in clips:
        for ev in v + a:
            chan.setdefault(key(ev, rung)[2:], len(chan))
    out = []
    for side in (1, 2):
        z = np.zeros((len(clips), len(chan), steps))
        for i, cl in enumerate(clips):
            for ev in cl[side]:
                z[i, chan[key(ev, rung)[2:]], ev['start']:min(steps - 1, ev['end']) + 1] = 1
        z = z.reshape(len(clips), -1)
        out.append(z / np.maximum(np.linalg.norm(z, axis=1, keepdims=True), 1e-9))
    return out[0] @ out[1].T


def bag_codes(clips, rung):
    """Cosine similarities of a bag of what sounds: per side, the count of each distinct event tuple less its frames
    (no timing at all)."""
    spec = dict(SPECS[rung] if isinstance(rung, str) else rung, frames=0)
    chan = {}
    for _, v, a in clips:
        for ev in v + a:
            chan.setdefault(key(ev, spec), len(chan))
    out = []
    for side in (1, 2):
        z = np.zeros((len(clips), len(chan)))
        for i, cl in enumerate(clips):
            for ev in cl[side]:
                z[i, chan[key(ev, spec)]] += 1
        out.append(z / np.maximum(np.linalg.norm(z, axis=1, keepdims=True), 1e-9))
    return out[0] @ out[1].T


def matching(clips, rung):
    vs = [set(key(e, rung) for e in v) for _, v, _ in clips]
    as_ = [set(key(e, rung) for e in a) for _, _, a in clips]
    n = len(clips)
    s = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            s[i, j] = -1000 * len(vs[i] - as_[j]) - len(as_[j] - vs[i])
    return s


def r1(s):
    own = np.diag(s)
    return (s >= own[:, None]).sum(1) == 1  # own counts once; ties count against


def ridge_cv(x, y, groups, lam=1.0, folds=5):
    """Cross-validated ridge scores (one column per target); folds by group so one clip never spans train and test."""
    ug = np.unique(groups)
    rng = np.random.default_rng(0)
    fold_of = dict(zip(rng.permutation(ug), np.arange(len(ug)) % folds))
    f = np.array([fold_of[g] for g in groups])
    out = np.zeros(y.shape)
    for k in range(folds):
        tr, te = f != k, f == k
        mu, sd = x[tr].mean(0), x[tr].std(0) + 1e-9
        xt = np.c_[(x[tr] - mu) / sd, np.ones(tr.sum())]
        w = np.linalg.solve(xt.T @ xt + lam * np.eye(xt.shape[1]), xt.T @ y[tr])
        out[te] = np.c_[(x[te] - mu) / sd, np.ones(te.sum())] @ w
    return out


def auc(s, y):
    y = y.astype(bool)
    if y.all() or not y.any():
        return float('nan')
    r = np.argsort(np.argsort(s)) + 1.0
    return (r[y].sum() - y.sum() * (y.sum() + 1) / 2) / (y.sum() * (~y).sum())


def model_gap(csv, ids_all, clips, steps):
    ids, a, v, _ = load_rows(csv)
    index = {c: i for i, c in enumerate(ids_all)}
    cl = [clips[index[i]] for i in ids]
    n = len(ids)
    s = v @ a.T
    hit = r1(s)
    kinds = np.array([k for k, _, _ in cl])
    rng = np.random.default_rng(0)
    h32 = np.mean([r1(s[np.ix_(b, b)]).mean() for b in (rng.choice(n, 32, replace=False) for _ in range(200))])
    print(f'\nmodel ({csv}): n {n}, video->audio R@1 {hit.mean():.3f}; on-screen sound clips '
          f'{hit[kinds == KINDS[0]].mean():.3f} (n {(kinds == KINDS[0]).sum()}); in 200 random galleries of 32 of '
          f'these clips {h32:.3f}')
    t, e = r1(step_codes(cl, 'a', steps)), r1(matching(cl, 'e'))
    print(f'  model R@1 on the clips the timing step code retrieves {hit[t].mean():.3f} (n {t.sum()}), on those it '
          f'misses {hit[~t].mean():.3f} (n {(~t).sum()}); on those rung-e matching retrieves {hit[e].mean():.3f} '
          f'(n {e.sum()}), misses {hit[~e].mean():.3f} (n {(~e).sum()})')
    # batches mined without labels: one clip and the 31 audios nearest to its audio by the model's per-step part
    d = a.shape[1]
    k = (d - steps) // steps
    ap = a[:, :k * steps] / np.maximum(np.linalg.norm(a[:, :k * steps], axis=1, keepdims=True), 1e-9)
    mined = [np.argsort(-(ap @ ap[i]))[:32] for i in rng.choice(n, 200)]
    sa, se, sf = step_codes(cl, 'a', steps), step_codes(cl, 'e', steps), step_codes(cl, 'f', steps)
    scores = ((name, np.mean([r1(m[np.ix_(b, b)]).mean() for b in mined]))
              for name, m in (('model', s), ('timing code', sa), ('rung e step code', se), ('fingerprint', sf)))
    print('  in 200 batches of one clip and the 31 audios nearest to its audio by the model\'s per-step part '
          '(mined without labels), R@1: ' + ', '.join(f'{name} {x:.3f}' for name, x in scores))
    # what the top wrong audio shares with the true one, for the clips the model gets wrong
    wrong = np.where(~hit & (kinds == KINDS[0]))[0]
    s2 = s.copy()
    np.fill_diagonal(s2, -np.inf)
    top = s2.argmax(1)
    print(f'  its {len(wrong)} misses among on-screen sound clips: the top wrong audio has the same audio code as '
          f'the own audio at rung')
    for rung in RUNGS:
        same = sum(set(key(e, rung) for e in cl[top[i]][2]) == set(key(e, rung) for e in cl[i][2]) for i in wrong)
        holds = sum(set(key(e, rung) for e in cl[i][1]) <= set(key(e, rung) for e in cl[top[i]][2]) for i in wrong)
        print(f'    {rung} {NAMES[rung]:24s} same code {same:3d}   holds every video event of the query {holds:3d}')
    # pairs equal in frames but not in material
    fa = [frozenset(key(e, 'a') for e in c[2]) for c in cl]
    fb = [frozenset(key(e, 'b') for e in c[2]) for c in cl]
    va = [frozenset(key(e, 'a') for e in c[1]) for c in cl]
    pairs = [(i, j) for i in range(n) for j in range(n) if i != j and kinds[i] == KINDS[0]
             and fa[i] == fa[j] and fb[i] != fb[j]]
    pairs_v = [(i, j) for i in range(n) for j in range(n) if i != j and kinds[i] == KINDS[0]
               and va[i] <= fa[j] and fb[i] != fb[j]]
    acc = np.mean([s[i, i] > s[i, j] for i, j in pairs]) if pairs else float('nan')
    acc_v = np.mean([s[i, i] > s[i, j] for i, j in pairs_v]) if pairs_v else float('nan')
    rng = np.random.default_rng(0)
    rand = [(i, j) for i, j in rng.integers(0, n, (4000, 2)) if i != j and kinds[i] == KINDS[0]]
    acc_r = np.mean([s[i, i] > s[i, j] for i, j in rand])
    print(f'  pairwise sim(v_i,a_i) > sim(v_i,a_j): audio frames code equal, material differs {acc:.3f} '
          f'(n {len(pairs)} pairs); j holds every video event frame of i, material differs {acc_v:.3f} '
          f'(n {len(pairs_v)}); random pairs {acc_r:.3f} (n {len(rand)})')
    # swap one part of the model for an oracle: a perfect timing code beside the model's clip-level part, and a
    # perfect bag of what sounds (no timing) beside the model's per-step part
    per, glob = v[:, :k * steps] @ a[:, :k * steps].T, v[:, k * steps:] @ a[:, k * steps:].T
    timing = step_codes(cl, 'a', steps)
    bag = bag_codes(cl, SPECS['e'])
    z = lambda m: (m - m.mean()) / m.std()
    print(f'  parts: per-step alone {r1(per).mean():.3f}, clip-level alone {r1(glob).mean():.3f}; oracle timing code '
          f'(rung a, step code) alone {r1(timing).mean():.3f}, oracle bag of what sounds (rung e less frames, '
          f'cosine of counts) alone {r1(bag).mean():.3f}')
    for lam in (0.5, 1, 2, 4):
        print(f'    weight {lam}: model clip-level + oracle timing {r1(z(glob) + lam * z(timing)).mean():.3f}; '
              f'model per-step + oracle bag {r1(z(per) + lam * z(bag)).mean():.3f}; '
              f'whole model + oracle timing {r1(z(s) + lam * z(timing)).mean():.3f}; '
              f'whole model + oracle bag {r1(z(s) + lam * z(bag)).mean():.3f}')
    # probes of material: per event onset from the per-step values, per clip from the clip-level values
    for side, z, src in (('audio', a, 2), ('video', v, 1)):
        per = z[:, :k * steps].reshape(n, k, steps)
        x, y, g = [], [], []
        for i, c in enumerate(cl):
            for e in c[src]:
                if e['action'] != 'hit':
                    continue
                t = e['start']
                win = [per[i, :, min(max(t + o, 0), steps - 1)] for o in (-1, 0, 1, 2)]
                x.append(np.concatenate(win))
                y.append([e['material'] == m for m in MATERIALS])
                g.append(i)
        x, y, g = np.array(x), np.array(y, float), np.array(g)
        p = ridge_cv(x, y, g)
        acc_ev = (p.argmax(1) == y.argmax(1)).mean()
        maj = y.mean(0).max()
        aucs = [auc(p[:, m], y[:, m]) for m in range(5)]
        print(f'  {side} per-step values ({k} per step) at steps t-1..t+2 of a hit -> its material: 5-way accuracy '
              f'{acc_ev:.3f} (majority {maj:.3f}), AUC by material '
              + ' '.join(f'{m} {u:.2f}' for m, u in zip(MATERIALS, aucs)) + f'  (n {len(y)} hits, {len(set(g))} clips)')
        yc = np.array([[any(e['material'] == m for e in c[src]) for m in MATERIALS] for c in cl], float)
        for name, feats in (('clip-level', z[:, k * steps:]), ('per-step', z[:, :k * steps])):
            pc = ridge_cv(feats, yc, np.arange(n), lam=10.0)
            aucs = [auc(pc[:, m], yc[:, m]) for m in range(5)]
            print(f'  {side} {name} values ({feats.shape[1]}) -> "a {"sounding" if src == 2 else "seen sounding"} '
                  f'event of material m" AUC ' + ' '.join(f'{m} {u:.2f}' for m, u in zip(MATERIALS, aucs))
                  + f'  (n {n} clips)')


def main():
    data = Path(sys.argv[1])
    files = sorted((data / 'media').glob('clip-*.json'))
    fps = json.load(open(files[0]))['fps']
    steps = json.load(open(files[0]))['frames']
    ids = [f.stem for f in files]
    clips = [load_clip(f, fps) for f in files]
    kinds = np.array([k for k, _, _ in clips])
    n = len(clips)
    print(f'{data}: n {n}; ' + ', '.join(f'{k} {(kinds == k).sum()}' for k in KINDS))
    print(f'{"rung":32s} {"step code R@1":>14s} {"matching R@1":>13s} {"bag R@1":>8s} {"step, batch 32":>15s}'
          f' {"step, timing-near 32":>21s}   matching R@1 by kind ({", ".join(KINDS)})')
    rng = np.random.default_rng(0)
    batches = [rng.choice(n, 32, replace=False) for _ in range(200)]
    frames = step_codes(clips, 'a', steps)
    near = [np.argsort(-(frames[i] + frames[:, i]) + 1e-9 * rng.random(n))[:32] for i in rng.choice(n, 200)]
    for rung in RUNGS:
        ss = step_codes(clips, rung, steps)
        hs = r1(ss)
        hm = r1(matching(clips, rung))
        hb = r1(bag_codes(clips, rung)) if rung > 'a' else np.zeros(n)
        h32 = np.mean([r1(ss[np.ix_(b, b)]).mean() for b in batches])
        hn = np.mean([r1(ss[np.ix_(b, b)]).mean() for b in near])
        by = ' / '.join(f'{hm[kinds == k].mean():.3f}' for k in KINDS)
        print(f'{rung} {NAMES[rung]:30s} {hs.mean():14.3f} {hm.mean():13.3f} {hb.mean():8.3f} {h32:15.3f} {hn:21.3f}'
              f'   {by}')
    print('\nhow fine must size and speed be? frames + material + action, size and speed each in q equal bins '
          '(size 4.48-7.68 px, a hit\'s speed 0.6-4 m/s, a scratch\'s 0.5-3; q 0 = exact)')
    for qs, qv in ((2, None), (3, None), (5, None), (10, None), (0, None), (None, 3), (None, 0), (2, 2), (5, 5),
                   (10, 10), (0, 0)):
        spec = dict(material=1, action=1)
        if qs is not None:
            spec['size'] = qs
        if qv is not None:
            spec['speed'] = qv
        hs, hm = r1(step_codes(clips, spec, steps)), r1(matching(clips, spec))
        print(f'  size q {"-" if qs is None else qs!s:>3s}  speed q {"-" if qv is None else qv!s:>3s}   step code '
              f'{hs.mean():.3f}   matching {hm.mean():.3f}')
    print('leave one out of "exact" (matching R@1): ' + ', '.join(
        f'{name} {r1(matching(clips, spec)).mean():.3f}' for name, spec in (
            ('no material', dict(action=1, size=0, speed=0)), ('no action', dict(material=1, size=0, speed=0)),
            ('no size', dict(material=1, action=1, speed=0)), ('no speed', dict(material=1, action=1, size=0)),
            ('no frames (a bag of what sounds)', dict(frames=0, material=1, action=1, size=0, speed=0)),
            ('no frames, size and speed in 3 bins', dict(frames=0, material=1, action=1, size=3, speed=3)),
            ('no frames, material and action only', dict(frames=0, material=1, action=1)))))
    print(f'no model can retrieve a clip whose picture shows nothing that sounds: '
          f'R@1 <= {(kinds == KINDS[0]).mean():.3f}')
    if len(sys.argv) > 2:
        model_gap(sys.argv[2], ids, clips, steps)


if __name__ == '__main__':
    main()
