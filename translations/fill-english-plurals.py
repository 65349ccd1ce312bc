#!/usr/bin/env python3
"""Fills the English plural forms in countersign_en.ts (run after `cmake --build build --target
update_translations`): "%n line(s)" becomes "%n line" / "%n lines". Messages that need more than
dropping "(s)" are spelled out below; every other English message stays unfinished, so the source
text is shown."""
import html
import re
import sys

SPECIAL = {
    "%n value(s) that look like secrets are shown.": (
        "%n value that looks like a secret is shown.",
        "%n values that look like secrets are shown."),
    "%n value(s) that look like secrets are masked as •••••••• on screen; the signature covers the original.": (
        "%n value that looks like a secret is masked as •••••••• on screen; the signature covers the original.",
        "%n values that look like secrets are masked as •••••••• on screen; the signature covers the original."),
    "%n later event(s) are not covered by a gateway checkpoint yet and were left out.": (
        "%n later event is not covered by a gateway checkpoint yet and was left out.",
        "%n later events are not covered by a gateway checkpoint yet and were left out."),
    "The local copy verifies: %n event(s) chain correctly up to seq %1.": (
        "The local copy verifies: %n event chains correctly up to seq %1.",
        "The local copy verifies: %n events chain correctly up to seq %1."),
}


def forms(source):
    if source in SPECIAL:
        return SPECIAL[source]
    return source.replace("(s)", ""), source.replace("(s)", "s")


def fill(match):
    block = match.group(0)
    source = html.unescape(re.search(r"<source>(.*?)</source>", block, re.S).group(1))
    one, many = (html.escape(text, quote=False) for text in forms(source))
    translation = (f"<translation>\n            <numerusform>{one}</numerusform>\n"
                   f"            <numerusform>{many}</numerusform>\n        </translation>")
    return re.sub(r"<translation.*?</translation>|<translation[^>]*/>", translation, block, flags=re.S)


path = sys.argv[1] if len(sys.argv) > 1 else "translations/countersign_en.ts"
text = open(path, encoding="utf-8").read()
text = re.sub(r'<message numerus="yes">.*?</message>', fill, text, flags=re.S)
open(path, "w", encoding="utf-8").write(text)
