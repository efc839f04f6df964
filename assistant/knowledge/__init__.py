"""Customer service: answers from the shop's knowledge, its order tool, or a hand-off to a person.

``CustomerService.answer(text)`` is the entry point (``service``); ``intent`` picks what
a shop question is about from word tables in ``lang/<language>/service.yaml``;
``answer`` quotes (or LLM-phrases and checks) policy passages from
``retrieval.knowledge``; ``orders`` is the ``OrderLookup`` seam the shop plugs its
system into; ``handoff`` builds the ``handoff`` object and posts the webhook.
"""
