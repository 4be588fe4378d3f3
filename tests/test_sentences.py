"""Sentence splitting: at 。！？； and a final ……, never inside quotes or brackets."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from doctool.extract.sentences import split_sentences


def test_splits_at_final_punctuation_and_semicolons() -> None:
    assert split_sentences("一是抓投资；二是促消费。要加油！行吗？") == [
        "一是抓投资；", "二是促消费。", "要加油！", "行吗？",
    ]


def test_closing_quotes_stay_with_their_sentence() -> None:
    assert split_sentences("他说：“我们要干。”大家鼓掌。") == ["他说：“我们要干。”大家鼓掌。"]
    assert split_sentences("“会议指明了方向！”他说。") == ["“会议指明了方向！”他说。"]
    assert split_sentences("要加油。”然后走了。") == ["要加油。”", "然后走了。"]


def test_never_splits_inside_brackets() -> None:
    assert split_sentences("中国（重庆；成都）国际消费节。结束。") == [
        "中国（重庆；成都）国际消费节。", "结束。",
    ]


def test_ellipsis_ends_a_sentence_only_at_a_sentence_end() -> None:
    assert split_sentences("机遇与挑战并存……我们必须奋进。") == ["机遇与挑战并存……", "我们必须奋进。"]
    assert split_sentences("汽车、家电……等领域。") == ["汽车、家电……等领域。"]


def test_text_without_final_punctuation_is_one_sentence() -> None:
    assert split_sentences("标题没有句号") == ["标题没有句号"]


@given(st.text(alphabet="会议。！？；“”（）……，a ", max_size=80))
def test_sentences_join_back_to_the_paragraph(paragraph: str) -> None:
    parts = split_sentences(paragraph)
    assert "".join(parts) == paragraph or (not paragraph.strip() and not parts)
