"""Shop knowledge (policies, FAQ): documents → passages → their own Chroma collection + BM25.

Retrieval-level, so it knows nothing of the LLM or the conversation: ``passages`` splits
Markdown, plain text and HTML by heading; ``index.KnowledgeIndex`` stores passages by
content hash (re-adding an unchanged file embeds nothing), embeds them with the
catalog's embedder into a separate collection and answers ``search(text)`` with scored
hits. The assistant decides what counts as relevant and how to answer
(``assistant.knowledge``).
"""

from retrieval.knowledge.passages import Passage, read_documents, split_document

__all__ = ["Passage", "read_documents", "split_document"]
