"""The shopping guide: code-rendered facts around checked LLM prose.

Owns: rendering (``render``: money, picks, trade-offs, what I understood), the prose
prompt (``prompt``), streaming checked prose (``prose``), the fact-built fallback
sentence (``fallback``), honesty when nothing matches (``honesty``), comparisons
(``compare``) and the assembly of a reply around the prose (``compose``).

May import: ``assistant.portrait`` (read only), ``assistant.grounding``,
``assistant.llm.base``, ``assistant.reply``, ``retrieval``, ``prompts``.
"""
