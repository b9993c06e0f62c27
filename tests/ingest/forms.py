"""Workbooks in the layout of a real 二级项目支出绩效目标申报表 (one project per sheet, label–value header,
merged 一级/二级 cells, 不适用 rows), written with openpyxl from invented content: real forms from public
repositories are never copied into this repository."""

from __future__ import annotations

import io

from openpyxl import Workbook

HEADER_ROWS = [
    ("项目编码：", "440306000000000001", "项目名称：", "社区路灯维护"),
    ("申请单位：", "某街道市政建设工程事务中心", "一级预算单位：", "某街道办事处（本级）"),
    ("实施期限：", "3", "项目类型：", "15 其他经费"),
    ("是否新增项目：", "否", "分配方式：", "因素法和项目法"),
    ("项目总金额（中期规划，万元）：", 4500000, "本年度项目金额（万元）：", 1500000),
]
LONG_ROWS = [
    ("政策依据：", "《城市照明管理规定》"),
    ("测算依据：", "路灯维护经费150万元，按合同支付。"),
    ("年度目标：", "保障辖区路灯完好。"),
    ("长期目标（跨度多年的项目需填）：", "建立路灯长效维护机制。"),
]
INDICATORS = [
    ("产出", "数量", "维护路灯数", "≥1200盏", "全年维护路灯数量"),
    (None, "质量", "路灯亮灯率", "≥98%", "亮灯数/总数"),
    (None, "时效", "故障修复时间", "≤24小时", "接报到修复"),
    (None, "成本", "维护成本", "不超过150万元", "合同金额"),
    ("效益", "经济效益", "不适用", "不适用", "不适用"),
    (None, "社会效益", "夜间出行安全", "明显改善", "群众出行更安全"),
    (None, "生态效益", "不适用", "不适用", "不适用"),
    (None, "可持续影响", "不适用", "不适用", "不适用"),
    ("满意度", "服务对象满意度", "居民满意度", "≥90%", "问卷调查"),
    (None, "其他满意度", "不适用", "不适用", "不适用"),
]


def songgang_like_workbook(sheets: int = 2) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for n in range(1, sheets + 1):
        ws = wb.create_sheet(f"{n}.社区路灯维护{n}")
        ws.append(["二级项目支出绩效目标申报表"])
        ws.merge_cells("A1:E1")
        for r, (a, b, d, e) in enumerate(HEADER_ROWS, start=2):
            ws.append([a, b, None, d, e])
            ws.merge_cells(f"B{r}:C{r}")
        ws["E2"] = f"社区路灯维护{n}"
        for r, (label, text) in enumerate(LONG_ROWS, start=7):
            ws.append([label, text])
            ws.merge_cells(f"B{r}:E{r}")
        ws.append(["一级指标", "二级指标", "三级指标", "目标值", "指标解释"])
        first = ws.max_row + 1
        for row in INDICATORS:
            ws.append(list(row))
        ws.merge_cells(f"A{first}:A{first + 3}")
        ws.merge_cells(f"A{first + 4}:A{first + 7}")
        ws.merge_cells(f"A{first + 8}:A{first + 9}")
        ws.append(["备注：作为导入模板，置灰信息无需录入。"])
        ws.merge_cells(f"A{ws.max_row}:E{ws.max_row}")
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
