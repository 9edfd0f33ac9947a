"""Writers: DOCX, PDF and XLSX read back, writes and the renderer's hooks."""
