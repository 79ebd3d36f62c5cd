"""What the preview reads of the workflow's configuration (``config/config.yaml``)."""

from __future__ import annotations


def workflow_base_url() -> str | None:
    """``base_url`` of ``config/config.yaml``: the feeds' addresses start with it."""
    import yaml

    from .. import paths

    try:
        config = yaml.safe_load((paths.ROOT / "config" / "config.yaml").read_text("utf-8"))
    except (OSError, yaml.YAMLError):
        return None
    value = config.get("base_url") if isinstance(config, dict) else None
    return value if isinstance(value, str) else None


def workflow_extra_formats() -> list[str]:
    """The optional formats the workflow's configuration switches on (``extra_formats`` of
    ``config/config.yaml``), so the preview plans the files a plain ``snakemake`` plans."""
    import yaml

    from .. import paths

    try:
        config = yaml.safe_load((paths.ROOT / "config" / "config.yaml").read_text("utf-8"))
    except (OSError, yaml.YAMLError):
        return []
    chosen = config.get("extra_formats") if isinstance(config, dict) else None
    return [str(f) for f in chosen] if isinstance(chosen, list) else []
