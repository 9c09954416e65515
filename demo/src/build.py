#!/usr/bin/env python3
"""Builds the demo corpus in demo/documents/ from the Markdown sources beside this
script (python3 standard library only: see docgen.py). Rerun after editing a source;
the output is deterministic."""

import os
import shutil

import docgen

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "documents")

# source name -> (format, language)
CORPUS = {
    "reglement-conges": ("pdf", "fr"),
    "teletravail": ("docx", "fr"),
    "charte-informatique": ("docx", "fr"),
    "notes-de-frais": ("html", "fr"),
    "securite-incendie": ("pdf", "fr"),
    "accueil-nouveaux-arrivants": ("md", "fr"),
    "signalement-harcelement": ("html", "fr"),
    "formation-professionnelle": ("pdf", "fr"),
    "premiers-secours": ("md", "fr"),
    "ar-dalil-alijazat": ("docx", "ar"),
    "ar-salamat-almustawdae": ("html", "ar"),
    "it-security-essentials": ("md", "en"),
    "travel-policy": ("pdf", "en"),
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, (fmt, lang) in CORPUS.items():
        src = os.path.join(HERE, name + ".md")
        with open(src, encoding="utf-8") as f:
            text = f.read()
        title = text.splitlines()[0].lstrip("# ").strip()
        dest = os.path.join(OUT, f"{name}.{fmt}")
        if fmt == "md":
            shutil.copyfile(src, dest)
        elif fmt == "pdf":
            with open(dest, "wb") as f:
                f.write(docgen.pdf_from_markdown(text))
        elif fmt == "docx":
            with open(dest, "wb") as f:
                f.write(docgen.docx_from_markdown(text, "Titre" if lang == "fr" else "Heading", rtl=lang == "ar"))
        elif fmt == "html":
            with open(dest, "w", encoding="utf-8") as f:
                f.write(docgen.html_from_markdown(text, title, lang))
        print(f"{dest}")


if __name__ == "__main__":
    main()
