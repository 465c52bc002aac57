"""Sözlük bağlantılarına ipucu: ``{term}`` bağlantısının üzerine gelince tanım görünür.

``_config.yml`` -> ``sphinx.local_extensions: {dk_sozluk: tools}``. Derleme sırasında sözlük
sayfasındaki (``{glossary}``) her maddenin İngilizcesi ve tanımı okunur; bütün sayfalardaki terim
bağlantılarına HTML ``title`` özniteliği olarak eklenir (tıklayınca sözlükteki maddeye gider).
"""

from __future__ import annotations

from typing import Any, Dict

from docutils import nodes
from sphinx.application import Sphinx

GLOSSARY_DOC = "book/sozluk"


def _definitions(app: Sphinx) -> Dict[str, str]:
    cache = getattr(app.env, "_dk_term_titles", None)
    if cache is not None:
        return cache
    titles: Dict[str, str] = {}
    if GLOSSARY_DOC in app.env.all_docs:
        doctree = app.env.get_doctree(GLOSSARY_DOC)
        for item in doctree.findall(nodes.definition_list_item):
            terms = [t for t in item.children if isinstance(t, nodes.term)]
            defs = [d for d in item.children if isinstance(d, nodes.definition)]
            if not terms or not defs:
                continue
            paras = [p.astext().replace("\n", " ") for p in defs[0].findall(nodes.paragraph)]
            english = next((p.split(":", 1)[1].strip() for p in paras if p.startswith("İngilizcesi:")), "")
            body = next((p for p in paras if not p.startswith(("İngilizcesi:", "İlk kez:"))), "")
            text = f"({english}) {body}".strip() if english else body
            for term in terms:
                for node_id in term["ids"]:
                    titles[node_id] = text
    app.env._dk_term_titles = titles  # type: ignore[attr-defined]
    return titles


def _add_titles(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    titles = _definitions(app)
    if not titles:
        return
    for ref in doctree.findall(nodes.reference):
        classes = [c for child in ref.children if isinstance(child, nodes.Element)
                   for c in child.get("classes", [])]
        if "std-term" not in classes:
            continue
        anchor = ref.get("refid") or ref.get("refuri", "").rpartition("#")[2]
        if anchor in titles:
            ref["reftitle"] = titles[anchor]


def _reset(app: Sphinx, env: Any, docnames: Any) -> None:
    if hasattr(env, "_dk_term_titles"):
        del env._dk_term_titles


def setup(app: Sphinx) -> Dict[str, Any]:
    app.connect("env-before-read-docs", _reset)
    app.connect("doctree-resolved", _add_titles)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
