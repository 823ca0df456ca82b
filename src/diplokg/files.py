"""Files a reader may look at any time: written whole or not at all, named safely after article ids."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from .errors import InputError
from .mapping import ArticleGraph, to_dataset, write_trig, write_turtle
from .outcomes import OUTPUT_FORMATS


def atomic_write(path: Path, data: bytes) -> None:
    """Write via a temporary file and rename, so a reader never sees half a file."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        # mkstemp makes the file private; give it the permissions of an ordinary new file
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def safe_filename(article_id: str) -> str:
    """A file name for an article id (ids from JSON Lines may hold any character): the id itself
    when it is a safe name, else its safe characters and a digest of the whole id, so that two
    ids never share a file ("x/y", "x_y" and "x y" are three files)."""
    cleaned = "".join(c if c.isalnum() or c in "-_." else "_" for c in article_id).strip(".")
    if cleaned == article_id and 0 < len(cleaned) <= 200:
        return cleaned
    digest = hashlib.sha256(article_id.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{cleaned[:200] or 'article'}-{digest}"


def output_folder(out_dir: Path) -> Path:
    """``out_dir``, created if need be."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise InputError(f"{out_dir}: cannot create the output folder ({err.strerror}); choose another --out") from None
    return out_dir


def write_article(article: ArticleGraph, article_id: str, out_dir: Path, fmt: str) -> Path:
    """Write one article's graph to ``out_dir/<id>.<fmt>`` (a format of :data:`OUTPUT_FORMATS`)."""
    if fmt == "ttl":
        data = write_turtle(article)
    elif fmt == "trig":
        data = write_trig(article)
    else:
        data = to_dataset([article.graph()]).serialize(format=OUTPUT_FORMATS[fmt], encoding="utf-8")
    target = out_dir / f"{safe_filename(article_id)}.{fmt}"
    try:
        atomic_write(target, data)
    except OSError as err:
        raise InputError(f"{target}: cannot write ({err.strerror}); choose a writable --out") from None
    return target
