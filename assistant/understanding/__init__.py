"""Understanding: each message → typed dialogue acts, before anything is retrieved.

``acts`` (the typed acts and their JSON schema), ``interpreter`` (the Protocol, the
context, the fake), ``rules`` (the default: cue words + catalog lexicon), ``llm`` (a
model with schema-constrained output), ``validate`` (every LLM value checked against
the catalog), ``answer`` (product questions answered from the catalog row) and
``handlers`` (what each act does to the turn).
"""
