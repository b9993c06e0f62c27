"""Every district writes its own forms: a 项目支出绩效目标表 rendered in many plausible layouts, as real files.

Test support for the layout property tests (``test_layouts.py``). Three steps, each usable alone:

1. **Content** (:func:`documents`): a domain :class:`Document` whose projects carry realistic Chinese
   content drawn from small word lists — header fields, funds, 2020 or 2021 framework indicators with
   values such as ``≥95%``, ``=13人``, ``≤85万元``, ``显著``, ``2024年12月31日前``, placeholder rows.
2. **Layout** (:class:`Layout`, :func:`layouts`): every way the printed form varies, one parameter each —
   column order, header and label words (drawn from the reader's own ``vocabulary.toml``), the value in
   one column or split over 运算符 | 数值 | 计量单位, 一级/二级 labels merged / repeated / printed once,
   fields beside their labels or as ``标签：值``, one or two pairs a row, the department (or unit) in a
   field or only in the title, one project per sheet or many, page/sheet breaks inside the indicator
   table with the header repeated, placeholder rows, an unknown extra column.
3. **Files** (:func:`render`): the laid-out form as XLSX (openpyxl), DOCX (python-docx), HTML, PDF
   (ReportLab, ruled tables, the CJK TrueType font jixiao's publisher uses) or TAB-separated text as a
   PDF-to-text converter writes it.

:func:`expected` says what a reader must give back for a document in a layout (a column the layout does
not print cannot come back), and :func:`shape` puts projects in the form the tests compare. The layout is
built first as an abstract grid (:class:`Sheet` of :class:`Line` and :class:`Grid`), so the five writers
only differ in how they print cells, spans and breaks.
"""

from __future__ import annotations

import dataclasses
import html
import io
import re
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from hypothesis import strategies as st

from jixiao.domain import Document, Funds, Indicator, Level1, Level2, Placeholder, Project, Source
from jixiao.domain import parse_target_value as value_of
from jixiao.domain.text import clean

FORMATS = ("xlsx", "docx", "html", "pdf", "txt")

# ---------------------------------------------------------------------------------------------------------
# Content: small word lists, realistic combinations
# ---------------------------------------------------------------------------------------------------------

DEPARTMENTS = (
    ("淄博市淄川区教育和体育局", ("淄博市淄川区第一中学", "淄川区实验幼儿园", "淄博市淄川区教育和体育局")),
    ("深圳市宝安区卫生健康局", ("宝安区疾病预防控制中心", "深圳市宝安区人民医院")),
    ("聊城市东昌府区民政局", ("东昌府区社会福利中心", "聊城市东昌府区民政局")),
    ("淄博市临淄区农业农村局", ("临淄区农业技术推广中心", "临淄区动物疫病预防控制中心")),
    ("某某市城市管理局", ("市环境卫生管理处", "市园林绿化服务中心")),
)
PROJECT_NAMES = (
    "学前生均公用经费", "城乡居民医疗救助资金", "高龄老人补贴", "农村公路养护经费", "校车运营补贴",
    "基层医疗卫生机构设备购置", "城市道路保洁服务", "困难群众临时救助", "图书馆免费开放补助", "森林防火专项经费",
    "农业技术推广项目", "重大动物疫病防控经费", "公共卫生服务补助", "城区绿化养护经费", "中小学校舍维修改造",
)
PERIODS = ("2024年1月-2024年12月", "1年", "2024年-2026年", "2024-01-01至2024-12-31", "3年")
PROJECT_TYPES = ("15 其他经费", "一次性项目", "经常性项目", "专项业务费", "民生类项目")
ALLOCATIONS = ("项目法", "因素法", "据实结算", "直接拨付")
POLICY_BASES = (
    "《关于印发山东省学前教育生均公用经费拨款标准的通知》（鲁财教〔2021〕12号）",
    "《社会救助暂行办法》（国务院令第649号）",
    "《深圳市宝安区基本公共卫生服务项目管理办法》",
    "区政府常务会议纪要〔2023〕8号",
)
CALCULATION_BASES = (
    "按服务对象人数与补助标准测算",
    "参照上年实际支出及合同约定测算",
    "根据养护里程和定额标准测算",
    "按设备清单及市场询价测算",
)
GOALS = (
    "目标1：为提高幼儿园经费保障水平，按标准拨付生均公用经费。目标2：保障幼儿园正常运转。",
    "保障困难群众基本生活，做到应救尽救、应保尽保。",
    "完成年度养护任务，道路优良率稳步提升，保障群众安全出行。",
    "按期完成设备购置并投入使用，提升基层医疗服务能力。",
    "开展宣传培训，提高群众知晓率和满意度。",
)
LONG_TERM_GOALS = (
    "建立健全长效保障机制，持续提升公共服务水平。",
    "三年内实现辖区基层医疗机构设备配置全部达标。",
    "逐步形成覆盖城乡的社会救助体系。",
)
# (name, value) by 二级指标; values are printed exactly so. Descriptions are drawn from DESCRIPTIONS.
INDICATORS: dict[Level2, tuple[tuple[str, str], ...]] = {
    Level2.QUANTITY: (("补助学生人数", "=1200人"), ("培训人次", "≥500人次"), ("救助对象数量", "≥13人"),
                      ("养护道路里程", "=45公里"), ("开展宣传活动场次", "≥12场次"), ("购置设备数量", "=3台")),
    Level2.QUALITY: (("资金发放准确率", "=100%"), ("设备验收合格率", "≥98%"), ("培训合格率", "≥95%"),
                     ("道路优良率", "≥85%"), ("工程质量", "合格")),
    Level2.TIMELINESS: (("资金拨付及时率", "≥95%"), ("项目完成时间", "2024年12月31日前"),
                        ("补助发放时限", "≤30天"), ("设备采购完成时间", "12月底前")),
    Level2.COST: (("补助标准", "=6000元/人"), ("项目成本控制", "≤85万元"), ("人均培训成本", "≤120元/人")),
    Level2.ECONOMIC_COST: (("项目总成本", "≤85万元"), ("补助标准", "=6000元/人"), ("单位养护成本", "≤2.5万元/公里")),
    Level2.SOCIAL_COST: (("安全事故发生次数", "=0起"),),
    Level2.ECOLOGICAL_COST: (("环境污染事件", "=0起"),),
    Level2.ECONOMIC_BENEFIT: (("带动就业人数", "≥50人"), ("促进农民增收", "≥5%")),
    Level2.SOCIAL_BENEFIT: (("保障困难群众基本生活", "显著"), ("群众知晓率", "≥90%"), ("教育公平水平", "有效提升")),
    Level2.ECOLOGICAL_BENEFIT: (("城区绿化覆盖率", "≥40%"), ("生态环境改善", "明显改善")),
    Level2.SUSTAINABILITY: (("项目持续发挥作用期限", "≥3年"), ("长效管理机制", "健全")),
    Level2.SATISFACTION: (("服务对象满意度", "≥90%"), ("学生及家长满意度", "≥95%"), ("群众满意度", "≥85%")),
}
DESCRIPTIONS = ("反映{}情况。", "{}，按实际完成情况统计。", "考核{}的完成程度。")
SCORINGS = ("达到目标值得满分，未达到按比例扣分。", "完成得满分，未完成不得分。")
NOTES = ("财务科", "统计报表", "第三方评估", "年度考核")
PLACEHOLDER_TEXTS = ("不适用", "无", "")

FRAMEWORK_2020: tuple[tuple[Level1, tuple[Level2, ...]], ...] = (
    (Level1.OUTPUT, (Level2.QUANTITY, Level2.QUALITY, Level2.TIMELINESS, Level2.COST)),
    (Level1.EFFECT, (Level2.ECONOMIC_BENEFIT, Level2.SOCIAL_BENEFIT, Level2.ECOLOGICAL_BENEFIT,
                     Level2.SUSTAINABILITY)),
    (Level1.SATISFACTION, (Level2.SATISFACTION,)),
)
FRAMEWORK_2021: tuple[tuple[Level1, tuple[Level2, ...]], ...] = (
    (Level1.OUTPUT, (Level2.QUANTITY, Level2.QUALITY, Level2.TIMELINESS)),
    (Level1.COST, (Level2.ECONOMIC_COST, Level2.SOCIAL_COST, Level2.ECOLOGICAL_COST)),
    (Level1.EFFECT, (Level2.ECONOMIC_BENEFIT, Level2.SOCIAL_BENEFIT, Level2.ECOLOGICAL_BENEFIT)),
    (Level1.SATISFACTION, (Level2.SATISFACTION,)),
)
PRINTED_ORDER = (
    Level2.QUANTITY, Level2.QUALITY, Level2.TIMELINESS, Level2.COST, Level2.ECONOMIC_COST, Level2.SOCIAL_COST,
    Level2.ECOLOGICAL_COST, Level2.ECONOMIC_BENEFIT, Level2.SOCIAL_BENEFIT, Level2.ECOLOGICAL_BENEFIT,
    Level2.SUSTAINABILITY, Level2.SATISFACTION,
)
NOTE_HEADER = "备注"  # the content's key for the extra column; a layout prints it under its own header


def indicator(level2: Level2, name: str, value: str, description: str | None = None,
              scoring: str | None = None, note: str = "", level1: Level1 | None = None) -> Indicator:
    from jixiao.domain.taxonomy import PARENT

    return Indicator(level1 or PARENT[level2], level2, name, value_of(value), description, scoring=scoring,
                     extra=((NOTE_HEADER, note),) if note else ())


@st.composite
def _category_rows(draw: st.DrawFn, level1: Level1, level2: Level2, first: bool, blank: bool,
                   avoid: frozenset[str] = frozenset()) -> tuple[list[Indicator], list[Placeholder]]:
    """0–2 indicators of one 二级, or a placeholder row where a template prints the category anyway
    (``blank``: the placeholder may be a row with nothing but its category; ``avoid``: indicator names
    not to use)."""
    choices = tuple(c for c in INDICATORS[level2] if c[0] not in avoid)
    count = draw(st.integers(1 if first else 0, min(2, len(choices))))
    if count == 0:
        if draw(st.booleans()):
            texts = PLACEHOLDER_TEXTS if blank else tuple(t for t in PLACEHOLDER_TEXTS if t)
            return [], [Placeholder(draw(st.sampled_from(texts)), level1, level2)]
        return [], []
    picked = draw(st.lists(st.sampled_from(choices), min_size=count, max_size=count, unique=True))
    out = []
    for name, value in picked:
        description = draw(st.one_of(st.none(), st.sampled_from(DESCRIPTIONS).map(lambda d, n=name: d.format(n))))
        scoring = draw(st.one_of(st.none(), st.sampled_from(SCORINGS)))
        note = draw(st.sampled_from(("",) + NOTES))
        out.append(indicator(level2, name, value, description, scoring, note, level1))
    return out, []


@st.composite
def projects(draw: st.DrawFn, name: str, code: str, blank_placeholders: bool = True,
             avoid: frozenset[str] = frozenset()) -> Project:
    """One project with every header field (some left empty) and 2020 or 2021 framework indicators."""
    department, units = draw(st.sampled_from(DEPARTMENTS))
    framework = draw(st.sampled_from((FRAMEWORK_2020, FRAMEWORK_2021)))
    indicators: list[Indicator] = []
    placeholders: list[Placeholder] = []
    for level1, level2s in framework:
        for level2 in level2s:
            found, empty = draw(_category_rows(level1, level2, level2 is Level2.QUANTITY, blank_placeholders, avoid))
            indicators += found
            placeholders += empty
    total = draw(st.integers(5000, 300000)) / 100  # 万元, two decimals
    midterm = draw(st.one_of(st.none(), st.just(total), st.integers(1, 3).map(lambda k: round(total * k, 2))))

    def maybe(words: Sequence[str]) -> str | None:
        return draw(st.one_of(st.sampled_from(words), st.none())) or None

    return Project(
        name=name,
        code=code,
        department=department,
        unit=draw(st.sampled_from(units)),
        funds=Funds(total=total, midterm=midterm),
        period=maybe(PERIODS),
        project_type=maybe(PROJECT_TYPES),
        is_new=draw(st.one_of(st.none(), st.booleans())),
        allocation=maybe(ALLOCATIONS),
        policy_basis=maybe(POLICY_BASES),
        calculation_basis=maybe(CALCULATION_BASES),
        goal=draw(st.sampled_from(GOALS)),
        long_term_goal=maybe(LONG_TERM_GOALS),
        indicators=tuple(indicators),
        placeholders=tuple(placeholders),
    )


@st.composite
def documents(draw: st.DrawFn, max_projects: int = 3, blank_placeholders: bool = True,
              avoid: frozenset[str] = frozenset()) -> Document:
    """A disclosure of 1–``max_projects`` projects with distinct names and codes; ``blank_placeholders``:
    a placeholder row may print nothing but its category; ``avoid``: indicator names not to use."""
    count = draw(st.integers(1, max_projects))
    names = draw(st.lists(st.sampled_from(PROJECT_NAMES), min_size=count, max_size=count, unique=True))
    year = draw(st.sampled_from((2023, 2024)))
    serials = draw(st.lists(st.integers(1, 999999), min_size=count, max_size=count, unique=True))
    prefix = draw(st.sampled_from(("370302", "440306", "371502")))
    out = [draw(projects(f"{year}年{n}" if draw(st.booleans()) else n, f"{prefix}{year}{s:06d}", blank_placeholders,
                         avoid))
           for n, s in zip(names, serials, strict=True)]
    return Document(source=Source("generated", "0" * 64), year=year, projects=tuple(out))


# ---------------------------------------------------------------------------------------------------------
# Layout: one parameter per way the printed form varies
# ---------------------------------------------------------------------------------------------------------


@cache
def vocabulary() -> dict:
    """The reader's vocabulary (data): the words a district may print for each field and column."""
    text = resources.files("jixiao.ingest.interpret").joinpath("vocabulary.toml").read_text("utf-8")
    return tomllib.loads(text)


# Indicator columns: logical keys; "value" prints as one column, or three when split.
BASE_COLUMNS = ("level1", "level2", "name", "value")
OPTIONAL_COLUMNS = ("description", "scoring")
SHORT_FIELDS = ("code", "department", "unit", "project_type", "period", "is_new", "allocation")
AMOUNT_FIELDS = ("total", "midterm")
LONG_FIELDS = ("policy_basis", "calculation_basis", "long_term_goal", "goal")
DEFAULT_HEADERS = {
    "level1": "一级指标", "level2": "二级指标", "name": "三级指标", "value": "指标值", "op": "运算符",
    "number": "数值", "unit": "计量单位", "description": "指标解释", "scoring": "评(扣)分标准", "no": "序号",
}
DEFAULT_LABELS = {
    "name": "项目名称", "code": "项目编码", "department": "主管部门", "unit": "实施单位", "project_type": "项目类型",
    "period": "实施期限", "is_new": "是否新增项目", "allocation": "分配方式", "total": "本年度项目金额",
    "midterm": "项目总金额(中期规划)", "policy_basis": "政策依据", "calculation_basis": "测算依据",
    "long_term_goal": "长期目标", "goal": "年度目标",
}
OP_WORDS = {"≥": "大于等于", "≤": "小于等于", "=": "等于", ">": "大于", "<": "小于"}
TITLE_WORDS = ("项目支出绩效目标表", "项目支出绩效目标申报表", "项目绩效目标表")


@dataclass(frozen=True)
class Layout:
    """How one district prints its project tables. The defaults are a plain, common form."""

    columns: tuple[str, ...] = BASE_COLUMNS + ("description",)  # indicator columns, left to right
    split_value: bool = False  # 运算符 | 数值 | 计量单位 instead of one 指标值 column
    two_row_header: bool = True  # with split_value: 指标值 spans the three columns on a row above
    op_words: bool = False  # with split_value: 大于等于 for ≥ …
    headers: tuple[tuple[str, str], ...] = ()  # column key → header word (DEFAULT_HEADERS otherwise)
    serial: bool = False  # a 序号 column first
    extra_column: str | None = None  # header of a column the reader does not know (content: each note)
    labels: str = "merged"  # 一级/二级: merged | repeated | once (blank below) | middle (text: mid-run)
    placeholder_value: str = "same"  # placeholder rows print their word under the value too, or leave it blank
    field_style: str = "adjacent"  # adjacent (label | value) | inline (标签：值 in one cell)
    pairs_per_row: int = 1  # short fields per row
    colon: bool = True  # labels end with ：
    field_labels: tuple[tuple[str, str], ...] = ()  # field key → label word (DEFAULT_LABELS otherwise)
    field_order: tuple[str, ...] = SHORT_FIELDS  # after 项目名称, which always comes first
    amount_unit: str = "label"  # label (本年度项目金额（万元）) | group (项目资金（万元） over the amounts) | none
    blank_fields: bool = False  # an empty field prints its label with nothing beside it (else: no row)
    title_names: str | None = None  # department | unit: only the table's title names it, no field does
    title: str | None = "项目支出绩效目标表"  # the title's suffix; None: no title
    title_in_table: bool = False  # the title is the table's first (merged) row instead of a paragraph
    per_sheet: str = "one"  # one project per sheet / page, or many one after another
    same_table: bool = True  # fields and indicators in one table, or two
    break_at: int | None = None  # a page / sheet break after this many indicator rows, header repeated
    relabel_after_break: bool = True  # the labels of a category cut by the break print again below it
    numbers_as_numbers: bool = True  # XLSX: amounts, codes and split numbers as numeric cells
    trailing_tabs: bool = True  # text: a row keeps the TABs of its empty trailing cells
    merged_names: bool = False  # rows in a run of one 三级指标 name share one merged name cell

    def header(self, key: str) -> str:
        if key == "extra":
            return self.extra_column or NOTE_HEADER
        return dict(self.headers).get(key, DEFAULT_HEADERS.get(key, key))

    def label(self, key: str) -> str:
        return dict(self.field_labels).get(key, DEFAULT_LABELS[key])

    @property
    def physical(self) -> tuple[str, ...]:
        """The printed columns: the value split in three where it is, 序号 first, the extra column last-drawn."""
        out: list[str] = ["no"] if self.serial else []
        for key in self.columns:
            out += ["op", "number", "unit"] if key == "value" and self.split_value else [key]
        return tuple(out)

    @property
    def width(self) -> int:
        return max(len(self.physical), 4 if self.pairs_per_row == 2 else 3)

    def describe(self) -> str:
        """The parameters that differ from the default layout: a failure names its variation."""
        base = Layout()
        return ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in dataclasses.fields(self)
                         if getattr(self, f.name) != getattr(base, f.name)) or "default"


def _words(section: str, key: str) -> list[str]:
    """The vocabulary's words for a project field (``fields``) or an indicator column (``columns``)."""
    table = vocabulary()["project"]["fields"] if section == "fields" else vocabulary()["indicator"]["columns"]
    return list(table[key])


@st.composite
def layouts(draw: st.DrawFn, fmt: str, exclude: dict[str, Sequence[object]] | None = None,
            first_column_words: frozenset[str] = frozenset()) -> Layout:
    """A layout for ``fmt``. ``exclude`` leaves out parameter values by name (known reader gaps), and
    words by ``label.<field>`` / ``header.<column>``; ``first_column_words`` are words that must never stand alone in a table's first column (cleaned)."""
    exclude = exclude or {}

    def pick(name: str, options: Sequence[object]) -> object:
        allowed = [o for o in options if o not in exclude.get(name, ())]
        return draw(st.sampled_from(allowed))

    optional = [c for c in OPTIONAL_COLUMNS if draw(st.booleans())]
    extra = pick("extra_column", (None, "备注", "数据来源", "责任科室"))
    columns = list(BASE_COLUMNS) + optional + (["extra"] if extra else [])
    columns = draw(st.permutations(columns)) if pick("shuffle", (True, False)) else columns
    split = bool(pick("split_value", (False, True)))
    header_keys = ["level1", "level2", "name", "value", "description", "scoring"]
    header_keys += ["op", "number", "unit"] if split else []
    headers = tuple(
        (k, draw(st.sampled_from([w for w in _words("columns", k) if w not in exclude.get(f"header.{k}", ())])))
        for k in header_keys
    )
    label_modes = ("repeated", "once", "middle") if fmt == "txt" else ("merged", "repeated", "once")
    field_style = pick("field_style", ("adjacent", "inline"))
    colon = bool(pick("colon", (False, True)))
    amount_unit = pick("amount_unit", ("label", "group", "none"))
    bare = field_style == "adjacent" and not colon  # a label cell that says nothing but the label
    probe = Layout(amount_unit=amount_unit)  # type: ignore[arg-type]

    def label_word(key: str) -> str:
        words = [w for w in _words("fields", key) if w not in exclude.get(f"label.{key}", ())]
        if bare:
            words = [w for w in words if clean(_label_word(
                dataclasses.replace(probe, field_labels=((key, w),)), key)) not in first_column_words]
        return draw(st.sampled_from(words))

    label_words = tuple((k, label_word(k)) for k in DEFAULT_LABELS)
    order = tuple(draw(st.permutations(SHORT_FIELDS))) if pick("shuffle_fields", (False, True)) else SHORT_FIELDS
    serial = bool(pick("serial", (False, True))) and "序号" not in first_column_words
    return Layout(
        columns=tuple(columns),
        split_value=split,
        two_row_header=bool(pick("two_row_header", (True, False))),
        op_words=bool(pick("op_words", (False, True))),
        headers=headers,
        serial=serial,
        extra_column=extra,  # type: ignore[arg-type]
        labels=pick("labels", label_modes),  # type: ignore[arg-type]
        placeholder_value=pick("placeholder_value", ("same", "blank")),  # type: ignore[arg-type]
        field_style=field_style,  # type: ignore[arg-type]
        pairs_per_row=pick("pairs_per_row", (1, 2)),  # type: ignore[arg-type]
        colon=colon,
        field_labels=label_words,
        field_order=order,
        amount_unit=amount_unit,  # type: ignore[arg-type]
        blank_fields=bool(pick("blank_fields", (False, True))),
        title_names=pick("title_names", (None, "department", "unit")),  # type: ignore[arg-type]
        title=pick("title", (None,) + TITLE_WORDS),  # type: ignore[arg-type]
        title_in_table=bool(pick("title_in_table", (False, True))),
        per_sheet=pick("per_sheet", ("one", "many")),  # type: ignore[arg-type]
        same_table=bool(pick("same_table", (True, False))),
        break_at=pick("break_at", (None, 1, 2, 3, 5)),  # type: ignore[arg-type]
        relabel_after_break=bool(pick("relabel_after_break", (True, False))),
        numbers_as_numbers=bool(pick("numbers_as_numbers", (True, False))),
        trailing_tabs=bool(pick("trailing_tabs", (True, False))),
    )


# ---------------------------------------------------------------------------------------------------------
# The abstract printed form: sheets (pages) of lines and grids
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GCell:
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    number: float | None = None  # XLSX: a numeric cell


@dataclass
class Grid:
    width: int
    cells: list[GCell] = field(default_factory=list)
    rows: int = 0

    def add(self, text: str, col: int, rowspan: int = 1, colspan: int = 1, *, row: int | None = None,
            header: bool = False, number: float | None = None) -> None:
        r = self.rows if row is None else row
        self.cells.append(GCell(text, r, col, rowspan, colspan, header, number))

    def next_row(self, count: int = 1) -> None:
        self.rows += count

    def matrix(self) -> list[list[GCell | None | bool]]:
        """Each position: the cell starting there, ``True`` where a merge covers it, ``None`` where empty."""
        rows = max(self.rows, max((c.row + c.rowspan for c in self.cells), default=0))
        out: list[list[GCell | None | bool]] = [[None] * self.width for _ in range(rows)]
        for c in self.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    if out[r][k] is not None:
                        raise ValueError(f"overlapping cells at {r},{k}: {c}")
                    out[r][k] = True
            out[c.row][c.col] = c
        return out


@dataclass(frozen=True)
class Line:
    text: str
    title: bool = False


Block = Line | Grid


@dataclass
class Sheet:
    """A worksheet (XLSX) or a page (other formats); a continuation is named after the sheet it continues."""

    name: str
    blocks: list[Block] = field(default_factory=list)


def _amount_text(amount: float) -> str:
    return f"{amount:.2f}"


def _field_text(project: Project, key: str) -> tuple[str, float | None] | None:
    """The printed text of a field (and its number, for an amount or a code an XLSX may hold as a number);
    ``None`` for an absent one."""
    if key == "code" and project.code and project.code.isdigit() and int(project.code) < 2**53:
        return project.code, float(project.code)
    if key in AMOUNT_FIELDS:
        amount = getattr(project.funds, key)
        return None if amount is None else (_amount_text(amount), amount)
    if key == "is_new":
        return None if project.is_new is None else ("是" if project.is_new else "否", None)
    value = getattr(project, key)
    return (value, None) if value else None


def _label_word(layout: Layout, key: str) -> str:
    word = layout.label(key)
    if key in AMOUNT_FIELDS and layout.amount_unit == "label":
        word = word[:-1] + ",万元)" if word.endswith(")") else word + "(万元)"
    word = word.replace("(", "（").replace(")", "）").replace(",", "，")
    return word


def _field_rows(project: Project, layout: Layout, grid: Grid) -> None:
    """Label–value rows of one project into ``grid``."""
    width = grid.width

    def shown(key: str) -> tuple[str, str, float | None] | None:
        found = _field_text(project, key)
        if found is None and not layout.blank_fields:
            return None
        text, number = found or ("", None)
        return _label_word(layout, key), text, number

    def pair_cells(items: list[tuple[str, str, float | None]], start: int, span: int) -> None:
        # items share a row: each gets span // len(items) columns starting at start
        each = span // len(items)
        col = start
        for i, (label, text, number) in enumerate(items):
            cols = each if i < len(items) - 1 else start + span - col
            if layout.field_style == "inline":
                grid.add(f"{label}：{text}", col, colspan=cols)
            else:
                grid.add(label + ("：" if layout.colon else ""), col)
                if text or cols > 1:
                    grid.add(text, col + 1, colspan=cols - 1,
                             number=number if layout.numbers_as_numbers else None)
            col += cols

    def rows_of(keys: Sequence[str], per_row: int, start: int = 0, span: int | None = None) -> None:
        items = [s for k in keys if (s := shown(k)) is not None]
        for i in range(0, len(items), per_row):
            pair_cells(items[i:i + per_row], start, span or width)
            grid.next_row()

    rows_of(["name"], 1)
    rows_of([k for k in layout.field_order if k != layout.title_names],
            layout.pairs_per_row)
    if layout.amount_unit == "group" and layout.field_style == "adjacent":
        items = [s for k in AMOUNT_FIELDS if (s := shown(k)) is not None]
        if items:
            grid.add("项目资金（万元）", 0, rowspan=len(items))
            rows_of(AMOUNT_FIELDS, 1, start=1, span=width - 1)
    else:
        rows_of(AMOUNT_FIELDS, layout.pairs_per_row)
    rows_of(LONG_FIELDS, 1)


def _split(raw: str) -> tuple[str, str, str]:
    """A value as 运算符 | 数值 | 计量单位; a value that is not op–number–unit goes whole into 数值."""
    m = re.fullmatch(r"([≥≤=><]?)(\d+(?:\.\d+)?)([%‰]|[\u4e00-\u9fff/]{1,5})", raw)
    if m and not m.group(3).endswith(("前", "底", "日")):
        return m.group(1), m.group(2), m.group(3)
    return "", raw, ""


def _entries(project: Project) -> list[Indicator | Placeholder]:
    """Indicators and placeholder rows in printed order (by framework category)."""
    order = {level2: i for i, level2 in enumerate(PRINTED_ORDER)}
    rows: list[Indicator | Placeholder] = [*project.indicators, *project.placeholders]
    return sorted(rows, key=lambda r: order[r.level2])  # stable: indicators keep their order


def _header_rows(layout: Layout, grid: Grid) -> None:
    cols = layout.physical
    two = layout.split_value and layout.two_row_header
    col = 0
    for key in layout.columns if not layout.serial else ("no", *layout.columns):
        if key == "value" and layout.split_value:
            if two:
                grid.add(layout.header("value"), col, colspan=3, header=True)
                for k, sub in enumerate(("op", "number", "unit")):
                    grid.add(layout.header(sub), col + k, row=grid.rows + 1, header=True)
            else:
                for k, sub in enumerate(("op", "number", "unit")):
                    grid.add(layout.header(sub), col + k, header=True)
            col += 3
        else:
            grid.add(layout.header(key), col, rowspan=2 if two else 1, header=True)
            col += 1
    assert col == len(cols)
    grid.next_row(2 if two else 1)


def _value_cells(layout: Layout, entry: Indicator | Placeholder) -> dict[str, str]:
    if isinstance(entry, Placeholder):
        raw = entry.text if layout.placeholder_value == "same" else ""
    else:
        raw = entry.value.raw
    if not layout.split_value:
        return {"value": raw}
    op, number, unit = _split(raw)
    if layout.op_words and op:
        op = OP_WORDS[op]
    return {"op": op, "number": number, "unit": unit}


def _data_cells(layout: Layout, entry: Indicator | Placeholder, serial: int) -> dict[str, str]:
    cells = {"no": str(serial)}
    cells["name"] = entry.text if isinstance(entry, Placeholder) else entry.name
    cells.update(_value_cells(layout, entry))
    if isinstance(entry, Indicator):
        cells["description"] = entry.description or ""
        cells["scoring"] = entry.scoring or ""
        cells["extra"] = dict(entry.extra).get(NOTE_HEADER, "")
    return cells


def _runs(keys: list[object]) -> list[tuple[int, int]]:
    """(start, length) of runs of equal keys."""
    out: list[tuple[int, int]] = []
    for i, key in enumerate(keys):
        if out and keys[out[-1][0]] == key:
            out[-1] = (out[-1][0], out[-1][1] + 1)
        else:
            out.append((i, 1))
    return out


def _indicator_segments(project: Project, layout: Layout) -> list[list[int]]:
    """Row indexes of each page/sheet segment of the indicator table."""
    n = len(_entries(project))
    k = layout.break_at
    if k is None or not 0 < k < n:
        return [list(range(n))]
    return [list(range(k)), list(range(k, n))]


def _data_rows(project: Project, layout: Layout, grid: Grid, rows: list[int]) -> None:
    """The rows ``rows`` of the indicator table into ``grid`` (one segment: no break inside)."""
    entries = _entries(project)
    cols = layout.physical
    top = grid.rows
    for i, index in enumerate(rows):
        cells = _data_cells(layout, entries[index], index + 1)
        for col, key in enumerate(cols):
            if key in ("level1", "level2") or (key == "name" and layout.merged_names):
                continue
            text = cells.get(key, "")
            number = None
            if key == "number" and layout.numbers_as_numbers and re.fullmatch(r"\d+(\.\d+)?", text):
                number = float(text)
            if text:
                grid.add(text, col, row=top + i, number=number)
    # 一级/二级 labels: runs over the whole table, cut at the segment's edges
    for key, level_of in (("level1", lambda e: e.level1), ("level2", lambda e: (e.level1, e.level2))):
        col = cols.index(key)
        keys = [level_of(e) for e in entries]
        for start, length in _runs(keys):
            inside = [j for j in range(start, start + length) if j in rows]
            if not inside:
                continue
            level = entries[start].level1 if key == "level1" else entries[start].level2
            text = level.value if level is not None else ""
            first_here = inside[0] == start or layout.relabel_after_break
            r0 = top + rows.index(inside[0])
            if layout.labels == "repeated":
                for j in inside:
                    grid.add(text, col, row=top + rows.index(j))
            elif first_here:
                span = len(inside) if layout.labels == "merged" else 1
                at = r0 + (len(inside) - 1) // 2 if layout.labels == "middle" else r0
                grid.add(text, col, row=at, rowspan=span)
    if layout.merged_names:
        _merged_name_cells(entries, cols.index("name"), grid, top, rows)
    grid.rows = top + len(rows)


def _merged_name_cells(entries: list[Indicator | Placeholder], col: int, grid: Grid, top: int,
                       rows: list[int]) -> None:
    """One name cell over each run of rows with the same category and name, cut at the segment's edges."""
    keys: list[object] = [
        (e.level1, e.level2, e.name) if isinstance(e, Indicator) else id(e) for e in entries
    ]
    for start, length in _runs(keys):
        inside = [j for j in range(start, start + length) if j in rows]
        entry = entries[start]
        text = entry.text if isinstance(entry, Placeholder) else entry.name
        if inside and text:
            grid.add(text, col, row=top + rows.index(inside[0]), rowspan=len(inside))


def _title(project: Project, layout: Layout, year: int | None) -> str | None:
    """``2024年项目支出绩效目标表``; ``淄博市淄川区教育和体育局2024年项目支出绩效目标表`` where only the title
    names the department (or unit)."""
    if layout.title_names:
        return f"{getattr(project, layout.title_names)}{year or ''}年{layout.title or TITLE_WORDS[0]}"
    if layout.title is None:
        return None
    return f"{year}年{layout.title}" if year else layout.title


def project_blocks(project: Project, layout: Layout, year: int | None) -> list[Block | None]:
    """One project as printed: blocks, ``None`` where a page or sheet breaks."""
    width = layout.width
    out: list[Block | None] = []
    title = _title(project, layout, year)
    grid = Grid(width)
    if title and layout.title_in_table:
        grid.add(title, 0, colspan=width)
        grid.next_row()
    elif title:
        out.append(Line(title, title=True))
    _field_rows(project, layout, grid)
    if not layout.same_table:
        out.append(grid)
        grid = Grid(width)
    for s, rows in enumerate(_indicator_segments(project, layout)):
        if s:
            out += [grid, None]
            grid = Grid(width)
        _header_rows(layout, grid)
        _data_rows(project, layout, grid, rows)
    out.append(grid)
    return out


def sheets(document: Document, layout: Layout) -> list[Sheet]:
    """The whole document laid out: a sheet (XLSX) or page (other formats) each."""
    out: list[Sheet] = [Sheet("项目1" if layout.per_sheet == "one" else "Sheet1")]
    for i, project in enumerate(document.projects):
        if i and layout.per_sheet == "one":
            out.append(Sheet(f"项目{i + 1}"))
        for block in project_blocks(project, layout, document.year):
            if block is None:
                base = out[-1].name.rstrip("续")
                out.append(Sheet(f"{base}续" if layout.per_sheet == "one" else f"Sheet{len(out) + 1}"))
            else:
                out[-1].blocks.append(block)
    return out


# ---------------------------------------------------------------------------------------------------------
# What the reader must give back, and the form the tests compare
# ---------------------------------------------------------------------------------------------------------


def expected(document: Document, layout: Layout) -> Document:
    """The document as the layout prints it: columns it leaves out cannot come back, the extra column does."""
    keys = set(layout.columns)

    def ind(i: Indicator) -> Indicator:
        note = dict(i.extra).get(NOTE_HEADER, "")
        return dataclasses.replace(
            i,
            description=i.description if "description" in keys else None,
            scoring=i.scoring if "scoring" in keys else None,
            extra=((layout.extra_column, note),) if layout.extra_column and note else (),
        )

    def project(p: Project) -> Project:
        entries = _entries(p)
        return dataclasses.replace(
            p,
            indicators=tuple(ind(e) for e in entries if isinstance(e, Indicator)),
            placeholders=tuple(e for e in entries if isinstance(e, Placeholder)),
        )

    return dataclasses.replace(document, projects=tuple(project(p) for p in document.projects))


def _c(text: str | None) -> str | None:
    return clean(text) or None


def shape(project: Project) -> dict[str, object]:
    """What must survive any layout, texts compared with whitespace removed."""
    return {
        "name": _c(project.name),
        "code": _c(project.code),
        "department": _c(project.department),
        "unit": _c(project.unit),
        "total": project.funds.total,
        "midterm": project.funds.midterm,
        "period": _c(project.period),
        "project_type": _c(project.project_type),
        "is_new": project.is_new,
        "allocation": _c(project.allocation),
        "policy_basis": _c(project.policy_basis),
        "calculation_basis": _c(project.calculation_basis),
        "goal": _c(project.goal),
        "long_term_goal": _c(project.long_term_goal),
        "indicators": [
            (str(i.level1), str(i.level2), _c(i.name), _c(i.value.raw), _c(i.description), _c(i.scoring),
             tuple((_c(h), _c(t)) for h, t in i.extra))
            for i in project.indicators
        ],
        "placeholders": len(project.placeholders),
    }


def differences(want: Document, got: Document) -> list[str]:
    """Field by field, what came back different (empty when equal)."""
    out: list[str] = []
    if len(want.projects) != len(got.projects):
        out.append(f"{len(got.projects)} projects read, {len(want.projects)} printed: "
                   f"{[p.name for p in got.projects]}")
    for w, g in zip(want.projects, got.projects, strict=False):
        sw, sg = shape(w), shape(g)
        for key in sw:
            if key == "indicators":
                a, b = sw[key], sg[key]
                assert isinstance(a, list) and isinstance(b, list)
                if len(a) != len(b):
                    out.append(f"{w.name}: {len(b)} indicators read, {len(a)} printed")
                for n, (x, y) in enumerate(zip(a, b, strict=False)):
                    if x != y:
                        out.append(f"{w.name}: indicator {n + 1}: printed {x}, read {y}")
            elif sw[key] != sg[key]:
                out.append(f"{w.name}: {key}: printed {sw[key]!r}, read {sg[key]!r}")
    return out


# ---------------------------------------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------------------------------------


def to_xlsx(pages: list[Sheet], layout: Layout, document: Document) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    wb = Workbook()
    wb.remove(wb.active)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for sheet in pages:
        ws = wb.create_sheet(sheet.name)
        r = 1
        for block in sheet.blocks:
            if isinstance(block, Line):
                ws.cell(r, 1, block.text).font = Font(bold=True, size=14)
                if layout.width > 1:
                    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=layout.width)
                r += 1
                continue
            for c in block.cells:
                cell = ws.cell(r + c.row, 1 + c.col, c.number if c.number is not None else c.text)
                if c.number is None:
                    cell.data_type = "s"  # =13人 is text as typed, not a formula
                cell.alignment = Alignment(wrap_text=True, vertical="center")
                cell.border = border
                if c.header:
                    cell.font = Font(bold=True)
                if c.rowspan > 1 or c.colspan > 1:
                    ws.merge_cells(start_row=r + c.row, start_column=1 + c.col,
                                   end_row=r + c.row + c.rowspan - 1, end_column=c.col + c.colspan)
            r += len(block.matrix())
            if layout.per_sheet == "many" or not layout.same_table:
                r += 1  # a blank row between tables
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def to_html(pages: list[Sheet], layout: Layout, document: Document) -> bytes:
    parts = ['<!DOCTYPE html><html><head><meta charset="utf-8"><title>绩效目标</title>'
             "<style>table{border-collapse:collapse}td,th{border:1px solid #000}</style></head><body>"]
    for n, sheet in enumerate(pages):
        if n:
            parts.append('<div style="page-break-before: always"></div>')
        for block in sheet.blocks:
            if isinstance(block, Line):
                parts.append(f"<h3>{html.escape(block.text)}</h3>" if block.title else
                             f"<p>{html.escape(block.text)}</p>")
                continue
            parts.append('<table border="1">')
            for row in block.matrix():
                parts.append("<tr>")
                for slot in row:
                    if slot is True:
                        continue
                    if slot is None:
                        parts.append("<td></td>")
                        continue
                    assert isinstance(slot, GCell)
                    tag = "th" if slot.header else "td"
                    spans = (f' rowspan="{slot.rowspan}"' if slot.rowspan > 1 else "") + (
                        f' colspan="{slot.colspan}"' if slot.colspan > 1 else "")
                    body = "<br>".join(html.escape(t) for t in slot.text.split("\n"))
                    parts.append(f"<{tag}{spans}>{body}</{tag}>")
                parts.append("</tr>")
            parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts).encode("utf-8")


def to_docx(pages: list[Sheet], layout: Layout, document: Document) -> bytes:
    import docx
    from docx.enum.text import WD_BREAK

    d = docx.Document()
    for n, sheet in enumerate(pages):
        if n:
            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        for block in sheet.blocks:
            if isinstance(block, Line):
                p = d.add_paragraph()
                run = p.add_run(block.text)
                run.bold = block.title
                continue
            matrix = block.matrix()
            table = d.add_table(rows=len(matrix), cols=block.width)
            table.style = "Table Grid"
            for c in block.cells:
                cell = table.cell(c.row, c.col)
                if c.rowspan > 1 or c.colspan > 1:
                    cell = cell.merge(table.cell(c.row + c.rowspan - 1, c.col + c.colspan - 1))
                cell.text = c.text
                if c.header:
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


_PDF_FONT = "LayoutsCJK"


@cache
def _pdf_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from jixiao.publish.pdf import cjk_font

    font = cjk_font()
    pdfmetrics.registerFont(TTFont(_PDF_FONT, font.path, subfontIndex=font.index))
    return _PDF_FONT


_PDF_WEIGHTS = {"name": 3.0, "description": 3.5, "scoring": 3.0, "value": 2.0, "level1": 1.6, "level2": 2.0,
                "op": 1.2, "number": 1.4, "unit": 1.4, "no": 0.8, "extra": 1.6}


def to_pdf(pages: list[Sheet], layout: Layout, document: Document) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = _pdf_font()
    cell_style = ParagraphStyle("cell", fontName=font, fontSize=7.5, leading=9.5, wordWrap="CJK")
    title_style = ParagraphStyle("title", fontName=font, fontSize=13, leading=18, alignment=1, spaceAfter=4)
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                            bottomMargin=15 * mm)
    weights = [_PDF_WEIGHTS.get(k, 1.5) for k in layout.physical]
    weights += [1.5] * (layout.width - len(weights))
    widths = [doc.width * w / sum(weights) for w in weights]
    story: list[object] = []
    for n, sheet in enumerate(pages):
        if n:
            story.append(PageBreak())
        for block in sheet.blocks:
            if isinstance(block, Line):
                story.append(Paragraph(html.escape(block.text), title_style if block.title else cell_style))
                continue
            matrix = block.matrix()
            data = [["" for _ in range(block.width)] for _ in matrix]
            commands: list[tuple] = [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                     ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
            for c in block.cells:
                data[c.row][c.col] = Paragraph(html.escape(c.text).replace("\n", "<br/>"), cell_style)
                if c.rowspan > 1 or c.colspan > 1:
                    commands.append(("SPAN", (c.col, c.row), (c.col + c.colspan - 1, c.row + c.rowspan - 1)))
            # A table longer than the page splits where ReportLab finds room; a table that starts with its
            # header (an indicator table of its own) prints the header again on the next page.
            heads = 0
            while any(c.row == heads for c in block.cells) and all(c.header for c in block.cells if c.row == heads):
                heads += 1
            story.append(Table(data, colWidths=widths, style=TableStyle(commands), repeatRows=heads))
            story.append(Spacer(1, 4 * mm))
    doc.build(story)
    return out.getvalue()


def to_text(pages: list[Sheet], layout: Layout, document: Document) -> bytes:
    """TAB-separated text as a PDF-to-text converter writes it: a row per line, a merged cell once."""
    lines: list[str] = []
    for n, sheet in enumerate(pages):
        if n:
            lines += ["", "\f"]
        for block in sheet.blocks:
            if isinstance(block, Line):
                lines += ["", block.text, ""]
                continue
            for row in block.matrix():
                texts = [" ".join(s.text.split()) if isinstance(s, GCell) else "" for s in row]
                line = "\t".join(texts)
                lines.append(line if layout.trailing_tabs else line.rstrip("\t"))
            lines.append("")
    return "\n".join(lines).encode("utf-8")


WRITERS = {"xlsx": to_xlsx, "docx": to_docx, "html": to_html, "pdf": to_pdf, "txt": to_text}


def render(document: Document, layout: Layout, fmt: str) -> tuple[bytes, str]:
    """The document in ``layout`` as a file of format ``fmt``: its bytes and a file name."""
    return WRITERS[fmt](sheets(document, layout), layout, document), f"layout.{fmt}"


def iter_cells(pages: list[Sheet]) -> Iterator[GCell]:
    for sheet in pages:
        for block in sheet.blocks:
            if isinstance(block, Grid):
                yield from block.cells


def example_document(projects: int = 1, placeholders: bool = True, blank_placeholder: bool = False) -> Document:
    """A fixed document for example tests: the first project has two 数量指标 (so a break can cut a
    category), values of every kind, and placeholder rows (one of them blank but for its category, unless
    not ``blank_placeholder``); further projects are smaller."""
    first = Project(
        name="学前生均公用经费",
        code="370302202400001",
        department="淄博市淄川区教育和体育局",
        unit="淄川区实验幼儿园",
        funds=Funds(total=728.5, midterm=2185.5),
        period="2024年1月-2024年12月",
        project_type="15 其他经费",
        is_new=False,
        allocation="因素法",
        policy_basis=POLICY_BASES[0],
        calculation_basis=CALCULATION_BASES[0],
        goal=GOALS[0],
        long_term_goal=LONG_TERM_GOALS[0],
        indicators=(
            indicator(Level2.QUANTITY, "补助学生人数", "=1200人", "反映补助学生人数情况。", SCORINGS[0], "统计报表"),
            indicator(Level2.QUANTITY, "救助对象数量", "≥13人", None, None, ""),
            indicator(Level2.QUALITY, "资金发放准确率", "=100%", "考核资金发放准确率的完成程度。", SCORINGS[1], ""),
            indicator(Level2.TIMELINESS, "项目完成时间", "2024年12月31日前", None, None, "年度考核"),
            indicator(Level2.COST, "项目成本控制", "≤85万元", None, None, "财务科"),
            indicator(Level2.SOCIAL_BENEFIT, "保障困难群众基本生活", "显著", None, None, ""),
            indicator(Level2.SATISFACTION, "服务对象满意度", "≥95%", "反映服务对象满意度情况。", None, ""),
        ),
        placeholders=(
            Placeholder("不适用", Level1.EFFECT, Level2.ECOLOGICAL_BENEFIT),
            Placeholder("" if blank_placeholder else "无", Level1.EFFECT, Level2.SUSTAINABILITY),
        ) if placeholders else (),
    )
    second = Project(
        name="城乡居民医疗救助资金",
        code="370302202400002",
        department="聊城市东昌府区民政局",
        unit="东昌府区社会福利中心",
        funds=Funds(total=95.0),
        is_new=True,
        goal=GOALS[1],
        indicators=(
            indicator(Level2.QUANTITY, "救助对象数量", "≥13人", None, None, "", Level1.OUTPUT),
            indicator(Level2.ECONOMIC_COST, "补助标准", "=6000元/人", None, None, ""),
            indicator(Level2.SATISFACTION, "群众满意度", "≥85%", None, None, ""),
        ),
        placeholders=(Placeholder("无", Level1.COST, Level2.SOCIAL_COST),) if placeholders else (),
    )
    third = dataclasses.replace(second, name="农村公路养护经费", code="370302202400003", placeholders=(),
                                indicators=second.indicators[:1] + second.indicators[2:])
    chosen = (first, second, third)[:projects]
    return Document(source=Source("example", "0" * 64), year=2024, projects=chosen)
