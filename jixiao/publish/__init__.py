"""Domain to documents: one layout drawn by the DOCX, XLSX, HTML and PDF writers, and the Excel template."""
