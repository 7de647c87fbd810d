"""The indicator tree a first cycle starts from (a later cycle copies its predecessor's). The
five dimensions are the national ones; items, targets and points are Xima's local choice and
the administrator edits them per cycle (docs/assessments.md lists them)."""

from __future__ import annotations

from decimal import Decimal

from .models import Dimension, Rule

D = Dimension
# (dimension, item, what counts, points, rule or "", target or None)
DEFAULT_TREE: list[tuple[str, str, str, Decimal, str, Decimal | None]] = [
    (D.ORGANISATION, "人民调解委员会健全，调解员不少于3人",
     "社区人民调解委员会在册，调解员（含红马甲志愿调解员）不少于3人。",
     Decimal(6), Rule.MEDIATORS, Decimal(3)),
    (D.ORGANISATION, "设立社区综治工作室", "社区综治工作室在册。",
     Decimal(4), Rule.WORKROOM, Decimal(1)),
    (D.ORGANISATION, "法律明白人不少于3名", "社区在册的法律明白人不少于3名。",
     Decimal(5), Rule.LAW_SAVVY, Decimal(3)),
    (D.ORGANISATION, "社区党组织、居委会、居务监督委员会健全，依法换届",
     "提供换届选举、组织设置的文件或照片。", Decimal(5), "", None),
    (D.DEMOCRACY, "居务公开、民主决策、议事协商记录完整",
     "提供居务公开栏照片、居民会议或议事协商记录。", Decimal(10), "", None),
    (D.DEMOCRACY, "居民公约、自治章程依法制定并公布",
     "提供居民公约、自治章程及其公布的照片。", Decimal(10), "", None),
    (D.RULE_OF_LAW, "全年开展法治宣传活动不少于12场",
     "法治大讲堂、律师讲座、主题日等当年已举办的普法活动。", Decimal(10),
     Rule.ACTIVITIES, Decimal(12)),
    (D.RULE_OF_LAW, "矛盾纠纷调解成功率不低于95%", "当年办结纠纷中调解成功的比例。",
     Decimal(10), Rule.MEDIATION_SUCCESS, Decimal(95)),
    (D.RULE_OF_LAW, "驻社区律师在岗，法律顾问协议在有效期内",
     "驻社区律师所在律所当年有有效的法律服务协议。", Decimal(10),
     Rule.RESIDENT_LAWYER, Decimal(1)),
    (D.HARMONY, "与辖区单位签订共驻共建协议", "当年有效的共驻共建协议。",
     Decimal(5), Rule.CO_BUILDING, Decimal(1)),
    (D.HARMONY, "无重大刑事案件、群体性事件和越级上访",
     "派出所、信访部门出具的情况说明。", Decimal(10), "", None),
    (D.SUPPORT, "创建工作有领导、有计划、有经费、有场所",
     "创建工作方案、经费安排和活动场所照片。", Decimal(10), "", None),
    (D.SUPPORT, "创建档案资料齐全", "创建台账、档案目录。", Decimal(5), "", None),
]
