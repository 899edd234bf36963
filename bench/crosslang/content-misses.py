# Splits the missed queries of a --queries run by cause, reading the relevant page's own text (issue 20 failure
# analysis of content words). For each missed query of one collection, interface, pair and query type, in this order:
#   language  a word was translated as another language than the query's (the language identifier was wrong)
#   none      no word of four letters or more got a translation into the target language
#   inflect   some word got none, but another form of it (same beginning) was translated in another query of the run:
#             the dictionary has the word, the query's form did not reach it
#   missing   some word got none and no form of it was translated anywhere: no resource has it
#   sense     every word was translated, but for some word none of its translations occurs in the relevant page
#   rank      every word has a translation that occurs in the relevant page: the right terms, ranked below 10
# "Occurs" compares words by their beginnings (all but the last two letters, at least four), so it is a proxy for the
# index's stems. Cognate matches (respelt words, fuzzy-matched) are listed as "[xx, cognate]" by runs after 2026-12-06
# and count as translations.
# usage: python3 bench/crosslang/content-misses.py <label>.queries.tsv ["manpages, ui en"] [ru-en,en-ru] [content words]
#        [--data /tmp/polis-crosslang] [--samples N]
import collections, csv, html, os, re, sys

args = [a for a in sys.argv[1:]]
data = os.environ.get('TMPDIR', '/tmp') + '/polis-crosslang'
samples = 0
if '--data' in args:
    i = args.index('--data'); data = args[i + 1]; del args[i:i + 2]
if '--samples' in args:
    i = args.index('--samples'); samples = int(args[i + 1]); del args[i:i + 2]
tsv = args[0]
collection = args[1] if len(args) > 1 else 'libreoffice-help, ui en'
pairs = (args[2] if len(args) > 2 else 'ru-en,en-ru').split(',')
qtype = args[3] if len(args) > 3 else 'content words'

rows = list(csv.reader(open(tsv, encoding='utf-8'), delimiter='\t'))
head, rows = rows[0], rows[1:]
RANK, TR = len(head) - 2, len(head) - 1   # the richest configuration's columns are the last two

cache = {}
def page_words(name, lang):
    key = (name, lang)
    if key in cache:
        return cache[key]
    coll = collection.split(',')[0]
    if coll == 'libreoffice-help':
        path = f'{data}/libreoffice/usr/share/libreoffice/help/{"en-US" if lang == "en" else lang}/{name}'
    elif coll == 'manpages':
        path = f'{data}/manpages/text/{lang}/{name}.txt'
    else:
        path = None
    text = ''
    if path and os.path.exists(path):
        text = open(path, encoding='utf-8', errors='replace').read()
        if coll == 'libreoffice-help':
            text = html.unescape(re.sub(r'<[^>]+>', ' ', text))
    words = set(w.lower() for w in re.findall(r'\w+', text))
    prefixes = set()
    for w in words:
        for n in range(4, len(w) + 1):
            prefixes.add(w[:n])
    cache[key] = (words, prefixes)
    return cache[key]

def occurs(phrase, page):
    words, prefixes = page
    for w in re.findall(r'\w+', phrase.lower()):
        if len(w) < 4:
            if w not in words:
                return False
        elif w[:max(4, len(w) - 2)] not in prefixes:
            return False
    return True

def parse(tr):
    # "word [xx, source] → a | b | c; word2 [...] → ..." ; returns {source word: (langs, [targets])}
    out = collections.defaultdict(lambda: (set(), []))
    for part in tr.split('; '):
        m = re.match(r'(.+?) \[(\w+), (\w+)\](?: → (.*))?$', part)
        if not m:
            continue
        src, lang, kind, targets = m.group(1).lower(), m.group(2), m.group(3), m.group(4) or ''
        entry = out[src]
        entry[0].add(lang)
        entry[1].extend(t.strip() for t in targets.split(' | ') if t.strip())
        if kind == 'cognate':
            entry[1].append('\x00cognate')
    return out

def stem(w):
    return w[:max(4, len(w) - 3)]

# every source word translated anywhere in the run (same collection and pair), by beginning: for 'inflect'
translated_anywhere = collections.defaultdict(set)
for r in rows:
    if r[0] == collection:
        for src in parse(r[TR]):
            translated_anywhere[r[1]].add(stem(src))

causes = ['language', 'none', 'inflect', 'missing', 'sense', 'rank']
for pair in pairs:
    source, target = pair.split('-')
    counts = collections.Counter()
    examples = collections.defaultdict(list)
    untranslated = collections.Counter()
    senseless = collections.Counter()
    for r in rows:
        if r[0] != collection or r[1] != pair or r[2] != qtype:
            continue
        counts['queries'] += 1
        rank = int(r[RANK])
        if 0 < rank <= 10:
            counts['hits'] += 1
            continue
        q, tr, page = r[4], parse(r[TR]), r[3]
        words = [w.lower() for w in re.findall(r'\w+', q) if len(w) >= 4]
        into = {s: e for s, e in tr.items()}
        langs = set(l for e in into.values() for l in e[0])
        missing = [w for w in words if w not in into]
        if langs and source not in langs:
            cause = 'language'
        elif len(missing) == len(words):
            cause = 'none'
        elif missing:
            cause = 'inflect' if any(stem(w) in translated_anywhere[pair] for w in missing) else 'missing'
            untranslated.update(missing)
        else:
            text = page_words(page, target)
            wrong = [w for w in words if not any(t == '\x00cognate' or occurs(t, text) for t in into[w][1])]
            cause = 'sense' if wrong else 'rank'
            senseless.update(wrong)
        counts[cause] += 1
        examples[cause].append(f'{q}  (rank {rank or ">10"}) {r[TR][:200]}')
    misses = sum(counts[c] for c in causes)
    print(f'{collection} {pair} {qtype}: {counts["queries"]} queries, {counts["hits"]} in the top 10, {misses} missed: '
          + ', '.join(f'{c} {counts[c]}' for c in causes))
    print('  most often untranslated:', ', '.join(f'{w} {n}' for w, n in untranslated.most_common(15)))
    print('  most often no right sense:', ', '.join(f'{w} {n}' for w, n in senseless.most_common(15)))
    for c in causes:
        for e in examples[c][:samples]:
            print(f'  [{c}] {e}')
