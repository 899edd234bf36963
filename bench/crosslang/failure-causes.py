# Splits the misses of one collection and interface in a <label>.queries.tsv by cause (issue 20 failure analysis):
# usage: python3 bench/crosslang/failure-causes.py bench/crosslang/results/<label>.queries.tsv "libreoffice-help, ui en"
# d_lang: a word translated as another language than the query's; a_none / a_part: no / only some words of 4+ letters
# translated (stop words of 4+ letters count as untranslated); bc_all: all translated, relevant page not in the top 10.
import csv,sys,re,collections
allrows=[r for r in csv.reader(open(sys.argv[1]),delimiter='\t')]
head,rows=allrows[0],allrows[1:]
# the richest configuration's rank and translations are the last two columns, whatever configurations the run had
RANK,TR=len(head)-2,len(head)-1
coll=sys.argv[2] if len(sys.argv)>2 else 'libreoffice-help, ui en'
stats=collections.defaultdict(collections.Counter)
untr=collections.defaultdict(collections.Counter)
for r in rows:
    if r[0]!=coll: continue
    pair,typ,q,rank,tr=r[1],r[2],r[4],int(r[RANK]),r[TR]
    src=pair.split('-')[0]
    words=[w for w in re.findall(r'\w+',q) if len(w)>=4]
    srcs=set(); langs=set()
    for part in tr.split('; '):
        m=re.match(r'(.+?) \[(\w+), (\w+)\]',part)
        if m: srcs.add(m.group(1).lower()); langs.add(m.group(2))
    k=(pair,typ); s=stats[k]; s['n']+=1
    if 0<rank<=10: s['hit']+=1; continue
    s['miss']+=1
    nt=[w for w in words if w.lower() not in srcs]
    if langs and src not in langs: s['d_lang']+=1
    elif len(srcs)==0: s['a_none']+=1
    elif nt: s['a_part']+=1
    else: s['bc_all']+=1
    for w in nt: untr[pair][w.lower()]+=1
for k in sorted(stats): print(k, dict(stats[k]))
for p in untr: print(p, untr[p].most_common(40))
