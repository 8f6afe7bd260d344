"""Import from and export to XLSX (nhập, xuất dữ liệu Excel): a small framework that apps plug kinds into.

- ``base.ImportKind``: what a kind declares (code, Vietnamese title, columns, permission checks, ``parse`` into typed
  rows or per-cell Vietnamese errors, ``apply`` through the app's services, ``export_rows``).
- ``registry``: kinds register with ``import_kind_register`` in their app's ``xlsx.py``; the modules named in
  ``settings.THIDUA_IMPORT_KINDS`` are imported on first use, so core imports no domain app.
- ``services``: ``import_batch_preview`` (read, check, store an ``ImportBatch``; no domain write) and
  ``import_batch_confirm`` (check again, then all rows in one transaction or none); ``jobs`` runs large
  confirmations in the background.
- ``views``: upload with "Tải mẫu", preview, confirm, result, export (URL names ``core:import-*``, ``core:export``).

This package's ``__init__`` imports nothing: ``core.models`` imports its ``choices``.
"""
