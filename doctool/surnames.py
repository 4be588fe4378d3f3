"""Chinese surnames and the test for a Chinese personal name, for extraction and translation.

One list serves both: the extractor accepts a bare name only when it starts with a known
surname, and the translator romanises a name surname first with the surname's own reading
(单 is dan in running text, Shan as a surname; 曾 ceng / Zeng; 解 jie / Xie). pypinyin, which
reads the rest, has no surname data, so the readings live here too.
"""

from __future__ import annotations

import unicodedata

from doctool.cjk import is_han

#: compound (two-character) surnames and their readings
COMPOUND_SURNAMES: dict[str, str] = {
    "欧阳": "ouyang", "上官": "shangguan", "司马": "sima", "诸葛": "zhuge", "东方": "dongfang",
    "皇甫": "huangfu", "尉迟": "yuchi", "公孙": "gongsun", "令狐": "linghu", "慕容": "murong",
    "长孙": "zhangsun", "宇文": "yuwen", "司徒": "situ", "司空": "sikong", "夏侯": "xiahou",
    "轩辕": "xuanyuan", "端木": "duanmu", "澹台": "tantai", "万俟": "moqi", "单于": "chanyu",
    "呼延": "huyan", "南宫": "nangong", "西门": "ximen", "独孤": "dugu", "申屠": "shentu",
    "闻人": "wenren", "东郭": "dongguo", "公羊": "gongyang", "太史": "taishi", "钟离": "zhongli",
    "赫连": "helian", "百里": "baili", "第五": "diwu", "公冶": "gongye", "濮阳": "puyang",
    "淳于": "chunyu", "宗政": "zongzheng", "仲孙": "zhongsun", "拓跋": "tuoba", "左丘": "zuoqiu",
    "东门": "dongmen", "羊舌": "yangshe", "巫马": "wuma", "公西": "gongxi", "漆雕": "qidiao",
    "乐正": "yuezheng", "壤驷": "rangsi", "公良": "gongliang", "梁丘": "liangqiu", "谷梁": "guliang",
    "段干": "duangan", "闾丘": "lüqiu", "子车": "ziju", "颛孙": "zhuansun", "亓官": "qiguan",
}

#: single-character surnames whose surname reading differs from pypinyin's everyday reading
SURNAME_READINGS: dict[str, str] = {
    "单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "朴": "piao", "区": "ou", "查": "zha",
    "盖": "ge", "乐": "yue", "秘": "bi", "冼": "xian", "华": "hua", "过": "guo", "纪": "ji",
    "燕": "yan", "种": "chong", "繁": "po", "覃": "qin", "缪": "miao", "瞿": "qu", "折": "she",
    "翟": "zhai", "都": "du", "六": "lu", "薄": "bo", "贾": "jia", "居": "ju", "盛": "sheng",
    "柏": "bai", "牟": "mou", "乜": "nie", "阚": "kan", "叶": "ye", "沈": "shen", "宿": "su",
    "卜": "bu", "员": "yun", "贠": "yun", "尉": "wei", "重": "chong", "能": "nai", "句": "gou",
    "褚": "chu", "臧": "zang", "莘": "shen", "郇": "huan", "余": "yu", "许": "xu", "石": "shi",
    "那": "na", "车": "che", "藏": "zang", "粘": "nian", "难": "nan", "和": "he", "陆": "lu",
    "强": "qiang", "南": "nan", "於": "yu", "俞": "yu", "隗": "wei", "黑": "he", "召": "shao",
    "亓": "qi", "长": "chang", "朝": "chao", "尕": "ga", "佘": "she", "眭": "sui", "蔺": "lin",
    "曲": "qu", "万": "wan", "任": "ren", "宁": "ning", "厍": "she", "沙": "sha", "洗": "xian",
}

#: common single-character surnames; a bare name in running text must start with one of them
#: (or with a compound surname). The rare surnames among SURNAME_READINGS that are also
#: everyday words (能, 重, 过, 六) are left out: in running text they start words, not names.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
    "郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦"
    "俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲"
    "房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全"
    "佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆"
    "乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井"
    "祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫"
    "杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智"
    "幸奉植衡富尧闭由"
)


def clean_name(text: str) -> str:
    """``text`` in NFC with all white space removed: 王 志杰 → 王志杰."""
    return "".join(unicodedata.normalize("NFC", text).split())


def is_chinese_name(text: str) -> bool:
    """True when ``text`` looks like a Chinese personal name: a known surname and a given name.

    Two or three characters after a single surname (王志杰, 高健), three or four after a
    compound one (欧阳修, 司马相如).
    """
    text = clean_name(text)
    if not 2 <= len(text) <= 4 or not is_han(text):
        return False
    if text[:2] in COMPOUND_SURNAMES:
        return len(text) >= 3
    return text[0] in SURNAMES and len(text) <= 3


def split_name(name: str) -> tuple[str, str]:
    """The surname and given name of a Chinese personal name (欧阳修 → 欧阳, 修)."""
    name = clean_name(name)
    # a two-character name has a one-character surname, even 欧阳 (a person named Ou Yang)
    if len(name) > 2 and name[:2] in COMPOUND_SURNAMES:
        return name[:2], name[2:]
    return name[:1], name[1:]
