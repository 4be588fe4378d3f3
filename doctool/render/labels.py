"""Every fixed word a brief prints, in Chinese and English.

Layout takes all its wording from here, so a change of phrasing is one edit and both writers
follow. The bilingual edition combines the two sets; it has no wording of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from doctool.model import Lang


@dataclass(frozen=True)
class Labels:
    """The fixed wording of a brief in one language; ``{...}`` fields are filled by layout."""

    kind: str
    # cover
    event: str
    date: str
    place: str
    publication: str
    reporters: str
    language_name: str
    #: translation status; fields total, memory, mt, none
    status: str
    #: shown under the cover when segments are untranslated; fields count (as qa.json's
    #: untranslated) and total
    draft_notice: str
    #: shown instead when every segment has English but a heading or name has none
    draft_notice_names: str
    # parts of the brief
    targets: str
    target_metric: str
    target_value: str
    target_year: str
    target_by: str
    no_targets: str
    key_points: str
    no_key_points: str
    target_unit: str
    target_previous: str
    target_qualifier: str
    #: after a previous result that is an estimate for a period not yet over
    estimate: str
    #: who set a target stated outside any speaker's statement, when the report names no event
    the_meeting: str
    #: under the targets table: what the links in it do
    targets_link_note: str
    programs: str
    program_name: str
    program_other_name: str
    program_by: str
    no_programs: str
    speakers: str
    speaker_name: str
    speaker_title: str
    speaker_organization: str
    #: a speaker's title when the report gives none
    title_not_given: str
    #: a speaker's title taken from the glossary, not the report; field title
    title_from_glossary: str
    no_speakers: str
    speaker_role: str
    speaker_commitments: str
    report: str
    #: the report part's heading when the source holds only part of the report
    report_excerpt: str
    #: level-2 heading of a continuation part that has no heading of its own; field part
    continued: str
    #: level-2 heading of a part that jumps from another page (上接1版); field page
    continued_from: str
    #: the subhead above a speaker's statement when its text does not name them; field name
    statement: str
    caption: str
    annex: str
    annex_zh: str
    annex_en: str
    no_terms: str
    #: column heads of the bilingual edition's aligned report table
    column_zh: str
    column_en: str
    #: after English adapted from a fuzzy memory match, in the bilingual edition; field score
    fuzzy_mark: str
    #: stands before a source sentence shown in place of a missing translation
    untranslated: str
    #: an empty cell (no speaker, no year)
    none: str
    #: joins the items of a list in one cell ("王志杰、许宏球"; "Wang Zhijie, Xu Hongqiu")
    list_sep: str


ZH = Labels(
    kind="会议情况简报",
    event="会议",
    date="日期",
    place="地点",
    publication="来源",
    reporters="记者",
    language_name="中文",
    status="共{total}句：译文记忆{memory}句，机器翻译{mt}句，未翻译{none}句",
    draft_notice="草稿：共{total}句，其中{count}句尚未翻译，已标出并附中文原文。",
    draft_notice_names="草稿：部分标题或名称尚未翻译，已标出并附中文原文。",
    targets="主要目标",
    target_metric="指标",
    target_value="目标值",
    target_year="年度",
    target_by="提出者",
    no_targets="报道未提出量化目标。",
    key_points="要点",
    no_key_points="报道中没有可摘为要点的目标或部署。",
    target_unit="单位",
    target_previous="前期实绩",
    target_qualifier="限定",
    estimate="预计",
    the_meeting="会议",
    targets_link_note="点击指标可转到报道中提出该目标的段落。",
    programs="重点项目与举措",
    program_name="名称",
    program_other_name="英文名称",
    program_by="提及者",
    no_programs="报道未提及具名项目或举措。",
    speakers="发言人",
    speaker_name="姓名",
    speaker_title="职务",
    speaker_organization="单位",
    title_not_given="原文未注明",
    title_from_glossary="{title}（据术语表）",
    no_speakers="报道未引述发言人。",
    speaker_role="单位及职务",
    speaker_commitments="主要表态",
    report="会议报道全文",
    report_excerpt="会议报道节选",
    continued="报道续文（第{part}部分）",
    continued_from="（上接第{page}版）",
    statement="{name}发言",
    caption="图片说明：",
    annex="附录：术语对照",
    annex_zh="中文",
    annex_en="英文",
    no_terms="报道中未出现术语表所列术语。",
    column_zh="中文",
    column_en="英文",
    untranslated="【未译】",
    fuzzy_mark="（模糊匹配{score}%，待审）",
    none="—",
    list_sep="、",
)

EN = Labels(
    kind="Meeting Brief",
    event="Event",
    date="Date",
    place="Place",
    publication="Source",
    reporters="Reporters",
    language_name="English",
    status="{total} segments: {memory} from translation memory, {mt} machine-translated, "
    "{none} untranslated",
    draft_notice="DRAFT: untranslated sentences: {count} of {total}. Each is marked "
    "[Untranslated] and shown in the Chinese original.",
    draft_notice_names="DRAFT: some headings or names are not yet translated. Each is marked "
    "[Untranslated] and shown in the Chinese original.",
    targets="Key targets",
    target_metric="Metric",
    target_value="Target",
    target_year="Year",
    target_by="Set by",
    no_targets="The report sets no numeric targets.",
    key_points="Key points",
    no_key_points="The report sets out no targets or tasks to pick out as key points.",
    target_unit="Unit",
    target_previous="Previous result",
    target_qualifier="Qualifier",
    estimate="est.",
    the_meeting="the meeting",
    targets_link_note="Each metric links to the paragraph of the report that sets it.",
    programs="Programs and initiatives",
    program_name="Name",
    program_other_name="Chinese name",
    program_by="Mentioned by",
    no_programs="The report names no programs or initiatives.",
    speakers="Speakers",
    speaker_name="Name",
    speaker_title="Title",
    speaker_organization="Organization",
    title_not_given="title not given",
    title_from_glossary="{title} (from the glossary)",
    no_speakers="The report quotes no speakers.",
    speaker_role="Organization and title",
    speaker_commitments="Commitments",
    report="Full report",
    report_excerpt="Report (excerpt)",
    continued="Report, continued (part {part})",
    continued_from="(Continued from page {page})",
    statement="Statement by {name}",
    caption="Photo caption: ",
    annex="Annex: Glossary",
    annex_zh="Chinese",
    annex_en="English",
    no_terms="No glossary terms occur in the report.",
    column_zh="Chinese",
    column_en="English",
    untranslated="[Untranslated] ",
    fuzzy_mark="[{score}% memory match, to review]",
    none="—",
    list_sep=", ",
)

LABELS: dict[Lang, Labels] = {"zh": ZH, "en": EN}

#: the bilingual edition's name for itself on the cover
BILINGUAL_LANGUAGE_NAME = ("中英对照", "Chinese–English")

#: page-number formats; fields page and pages (the DOCX writer fills them with PAGE / NUMPAGES)
PAGE_NUMBERS: dict[Lang, str] = {"zh": "— {page} —", "en": "Page {page} of {pages}"}

#: level-1 headings are numbered 一、二、 in Chinese (GB/T 9704) and 1. 2. in English
ZH_NUMERALS = "一二三四五六七八九十"


def heading_number(index: int, lang: Lang) -> str:
    """The number in front of the ``index``-th (1-based) level-1 heading: "一、" or "1. "."""
    if lang == "en":
        return f"{index}. "
    if index <= len(ZH_NUMERALS):
        return f"{ZH_NUMERALS[index - 1]}、"
    return f"{index}、"

#: the DRAFT mark on every page of a pack with untranslated passages, by page-number language
DRAFT_MARK: dict[Lang, str] = {"zh": "草稿 DRAFT", "en": "DRAFT"}
