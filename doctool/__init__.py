"""doctool: bilingual briefing packs from Chinese reports of government meetings."""

__version__ = "0.1.0"
