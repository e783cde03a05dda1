"""Readers for delivered notes and papers: file formats in, plain records out.

Owns: turning one delivered file into records (`NoteRecord`, `PaperRecord`) or a
`ReadError` that names the file and what is wrong with it (never its content).
Knows file formats, not PHI: the text engine in `deid` decides what to remove.
FHIR DocumentReference notes are read by `fhir_adapters`. Imports no other
cardiocorpus package.

- `readers.notes.read_notes(path, columns=NoteColumns())`: `.txt` (one note, optional
  sidecar `.json` with patient id, date, note type), `.jsonl`, `.csv`.
- `readers.papers.read_papers(path)`: PubMed/MEDLINE XML (PubmedArticleSet and the
  older MedlineCitationSet), JATS XML (PMC Open Access), `.txt` and `.md`.
"""

from readers.common import ReadError
from readers.notes import NoteColumns, NoteRecord, read_notes
from readers.papers import PaperRecord, Section, read_papers

__all__ = ["NoteColumns", "NoteRecord", "PaperRecord", "ReadError", "Section", "read_notes", "read_papers"]
