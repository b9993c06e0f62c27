"""The labels the official tables print, shared by the writers and the readers.

jixiao's published layout (:mod:`jixiao.publish.layout`) prints these in the first cell of a row or as
column headers, and the reader of that layout (:mod:`jixiao.ingest.published`) finds rows and columns by
them, so a label changed here changes writer and reader together. Pure strings: the words of the forms
(项目名称, 一级指标, 指标参考值 …) and the domain fields they carry.
"""

# Project header-block labels and the Project fields they carry.
PROJECT_NAME = "项目名称"
PROJECT_CODE = "项目编码"
DEPARTMENT = "主管部门"
DEPARTMENT_CODE = "部门编码"
UNIT = "实施单位"
UNIT_CODE = "单位编码"
CATEGORY = "项目类别"
FUND_TYPE = "资金性质"
FUNDS_TOTAL = "年度资金总额(万元)"
FUNDS_FISCAL = "其中:财政资金"
FUNDS_OTHER = "其他资金"
SPENDING_PLAN = "资金支出计划(万元)"
PURPOSE = "资金用途"
GOAL = "年度绩效目标"
# Fields real project forms carry and the samples do not (printed only when filled: see
# jixiao.publish.layout.OPTIONAL_FIELDS).
PROJECT_TYPE = "项目类型"
IS_NEW = "是否新增项目"
PERIOD = "实施期限"
ALLOCATION = "分配方式"
FUNDS_MIDTERM = "项目总金额（中期规划，万元）"
POLICY_BASIS = "政策依据"
CALCULATION_BASIS = "测算依据"
LONG_TERM_GOAL = "长期目标"
SCORING = "评（扣）分标准"
YES, NO = "是", "否"
PROJECT_TEXT_LABELS: dict[str, str] = {
    PROJECT_NAME: "name",
    PROJECT_CODE: "code",
    DEPARTMENT: "department",
    DEPARTMENT_CODE: "department_code",
    UNIT: "unit",
    UNIT_CODE: "unit_code",
    CATEGORY: "category",
    FUND_TYPE: "fund_type",
    PURPOSE: "purpose",
    GOAL: "goal",
    PROJECT_TYPE: "project_type",
    PERIOD: "period",
    ALLOCATION: "allocation",
    POLICY_BASIS: "policy_basis",
    CALCULATION_BASIS: "calculation_basis",
    LONG_TERM_GOAL: "long_term_goal",
}
PROJECT_FUND_LABELS: dict[str, str] = {
    FUNDS_TOTAL: "total", FUNDS_FISCAL: "fiscal", FUNDS_OTHER: "other", FUNDS_MIDTERM: "midterm",
}
PROJECT_FLAG_LABELS: dict[str, str] = {IS_NEW: "is_new"}
INDICATOR_HEADER = ("一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值")

DEPARTMENT_NAME = "部门名称"
STRATEGIC_GOAL = "战略目标"
REFERENCE = "指标参考值"
# Reference sub-columns, in printed order, and the Reference fields they carry.
REFERENCE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("规划值", "planned"),
    ("当年标准值", "standard"),
    ("标准值来源", "standard_source"),
    ("前三年均值", "avg3"),
    ("上年值", "last_year"),
    ("历史值来源", "history_source"),
)
STRATEGIC_COLUMNS: tuple[tuple[str, str], ...] = (
    ("序号", "no"),
    ("指标", "name"),
    ("指标解释", "explanation"),
    ("年度指标值", "value"),
    *REFERENCE_COLUMNS,
    ("备注", "note"),
)
DUTY = "部门职责"
ANNUAL_COLUMNS: tuple[tuple[str, str], ...] = (
    ("职责序号", "duty_no"),
    ("职责类别", "duty_area"),
    ("职责内容", "duty"),
    ("职责目标", "duty_goal"),
    ("绩效指标", "name"),
    ("指标解释", "explanation"),
    ("年度指标值", "value"),
    *REFERENCE_COLUMNS,
    ("备注", "note"),
    ("工作活动", "activity"),
    ("预算项目", "budget_project"),
    ("对应科室", "office"),
)

PROJECT_PART = "第一部分 项目支出绩效目标表"
DEPARTMENT_PART = "第二部分 部门整体绩效目标表"
PREFACE_HEADING = "编报说明"
TOC_HEADING = "目录"
PROJECT_TABLE_TITLE = "项目支出绩效目标表"
STRATEGIC_TABLE_TITLE = "部门整体战略目标表"
ANNUAL_TABLE_TITLE = "部门年度整体绩效目标表"
SUMMARY_TABLE_TITLE = "重点项目绩效目标汇总表"
# The 汇总表 columns, as the documents that have one print them, and the SummaryRow fields they carry.
SUMMARY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("序号", "no"),
    ("主管部门", "department"),
    ("项目名称", "project"),
    ("金额(万元)", "budget"),
    ("资金性质", "fund_type"),
)
SUMMARY_TOTAL = "合计"
DEPARTMENT_CODE_LABEL = "部门编码"
# Columns a real row always fills: a row that leaves them empty continues the row above (a PDF cell
# too tall for one page printed over several rows).
KEY_COLUMNS = ("序号", "职责序号", "指标", "绩效指标", "年度指标值")
