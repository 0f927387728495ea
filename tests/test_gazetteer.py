"""The park gazetteer: every spelling of a national-level park resolves to one record."""
import pytest

from parktui.gazetteer import all_parks, by_short, canonical, lookup, shorten


def test_table_is_complete_and_unique():
    parks = all_parks()
    assert len(parks) == 720
    assert len(by_short()) == len(parks)


@pytest.mark.parametrize(("spelling", "short", "province"), [
    ("河北雄安新区", "雄安新区", "河北"),
    ("雄安新区", "雄安新区", "河北"),
    ("天津滨海新区", "滨海新区", "天津"),
    ("上海浦东新区", "浦东新区", "上海"),
    ("重庆两江新区", "两江新区", "重庆"),
    ("亦庄", "北京经开区", "北京"),
    ("北京经济技术开发区", "北京经开区", "北京"),
    ("江西赣州高新区", "赣州高新区", "江西"),
    ("湖北省武汉东湖高新区", "东湖高新区", "湖北"),
    ("中国(上海)自由贸易试验区", "上海自贸区", "上海"),
    ("青岛高新技术产业开发区", "青岛高新区", "山东"),
    ("苏州市苏州工业园区", "苏州工业园区", "江苏"),
    ("国家级宁波经济技术开发区", "宁波经开区", "浙江"),
    ("新疆石河子经济技术开发区", "石河子经开区", "新疆生产建设兵团"),
])
def test_any_spelling(spelling, short, province):
    park = lookup(spelling)
    assert park is not None and park.short == short and park.province == province
    assert canonical(spelling) == short


@pytest.mark.parametrize("phrase", ["赴河北雄安新区", "国家高新区", "绿色工业园区", "实施自由贸易试验区", "", "开发区"])
def test_phrases_and_categories_are_not_parks(phrase):
    assert lookup(phrase) is None
    assert canonical(phrase) == ""


def test_shorten():
    assert shorten("青岛高新技术产业开发区") == "青岛高新区"
    assert shorten("宁波经济技术开发区") == "宁波经开区"
    assert shorten("苏州工业园区") == "苏州工业园区"
