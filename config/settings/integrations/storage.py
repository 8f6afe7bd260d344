"""Uploaded and generated files (exports, documents). Stored on the local disk under MEDIA_ROOT.

Files are never served publicly by URL: views check the user's scope and stream them.
"""

from config.env import BASE_DIR, env

MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
