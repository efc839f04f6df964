"""Understanding a turn and the user portrait it updates.

Owns: the ``Portrait`` value (``model``), rule extraction of one turn (``extract`` with
``negation`` and ``vocabulary``; money, words and the language tables live in
``retrieval.text``), the multi-turn rules that fold a turn into the portrait (``dialogue.apply_turn``) and the bounded LLM fill of soft slots (``llm_fill``).

May import: ``retrieval`` (catalog types, ``Query``), ``prompts``, ``assistant.llm.base``,
``assistant.errors``. Never the guide, grounding or the edges.
"""
