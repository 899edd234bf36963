#!/usr/bin/env python3
"""Writes src/Polis/Text.resx (English) and Text.ru.resx (Russian) from tools/strings.tsv."""
import html, pathlib
root = pathlib.Path(__file__).resolve().parent.parent
rows = [l.rstrip("\n").split("\t") for l in (root / "tools/strings.tsv").read_text(encoding="utf-8").splitlines() if l.strip()]
head = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''
for col, name in ((1, "Text.resx"), (2, "Text.ru.resx")):
    body = "".join(f'  <data name="{r[0]}" xml:space="preserve"><value>{html.escape(r[col], quote=False)}</value></data>\n' for r in rows)
    (root / "src/Polis" / name).write_text(head + body + "</root>\n", encoding="utf-8")
print(f"{len(rows)} strings")
