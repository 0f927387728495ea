"""Small hand-written web pages for the HTML, URL and feed tests (no real site's text)."""
from __future__ import annotations

ARTICLE_TITLE = "青岛高新区新签约项目二十个"

ARTICLE = """<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>青岛高新区新签约项目二十个_园区频道_示例新闻网</title>
<link rel="canonical" href="https://news.example.cn/2024/0110/a1.html">
<meta property="og:site_name" content="示例新闻网">
</head><body>
<div class="nav"><a href="/">首页</a> <a href="/a">园区</a> <a href="/b">产业</a></div>
<div class="crumb">当前位置：首页 &gt; 园区频道 &gt; 正文</div>
<div class="article">
<h1>青岛高新区新签约项目二十个</h1>
<div class="info">2024-01-10 08:30 来源：科技日报</div>
<p>（原标题：高新区招商引资开门红）</p>
<p>新华社青岛1月10日电（记者 李四）1月9日，青岛高新区举行重点项目集中签约仪式，现场签约项目20个，总投资150亿元。</p>
<p><img src="/p/1.jpg" alt="签约"></p>
<p>图为签约仪式现场</p>
<p><strong>产业链招商见成效</strong></p>
<p>据介绍，这批项目涵盖新一代信息技术、生物医药和高端装备等领域，其中10亿元以上项目8个。</p>
<p>高新区管委会负责人表示，下一步将做好项目服务，推动签约项目早开工、早投产、早见效。</p>
<p>责任编辑：王五</p>
<h3>相关新闻</h3>
<ul><li><a href="/x">另一篇园区新闻的标题在这里</a></li><li><a href="/y">又一篇园区新闻的标题</a></li></ul>
</div>
<div class="comments">网友评论 3条评论</div>
<div class="footer">Copyright © 2024 示例新闻网 版权所有 鲁ICP备00000000号</div>
</body></html>
"""

INDEX = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>园区频道_示例新闻网</title></head><body>
<h1>园区频道</h1>
<ul>
""" + "\n".join(f'<li><a href="/n{i}.html">园区新闻标题第{i}条</a> 2024-01-{i:02d}</li>' for i in range(1, 30)) + """
</ul>
</body></html>
"""

LOGIN = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>登录_示例新闻网</title></head><body>
<form><p>用户名</p><input name="u"><p>密码</p><input name="p" type="password"><button>登录</button></form>
</body></html>
"""


def gbk_article() -> bytes:
    """The article page as a GBK site serves it (charset only in its <meta>)."""
    return ARTICLE.replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=gbk">'
                           ).replace("©", "(c)").encode("gbk")


def feed(base: str, n: int = 2, kind: str = "rss") -> str:
    """An RSS or Atom feed of n entries whose links point at base/a{i}.html."""
    if kind == "atom":
        entries = "".join(
            f"<entry><title>园区新闻{i}</title><link href=\"{base}/a{i}.html\"/><id>{base}/a{i}.html</id>"
            f"<updated>2024-01-{10 + i:02d}T08:00:00Z</updated>"
            f"<summary>第{i}条摘要：园区新签约项目{i}个，总投资{i}0亿元。</summary></entry>"
            for i in range(1, n + 1))
        return ("<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
                f"<title>示例园区订阅</title><id>{base}/atom</id><updated>2024-01-20T00:00:00Z</updated>"
                f"{entries}</feed>")
    items = "".join(
        f"<item><title>园区新闻{i}</title><link>{base}/a{i}.html</link><guid>{base}/a{i}.html</guid>"
        f"<pubDate>{10 + i} Jan 2024 08:00:00 +0800</pubDate>"
        f"<description>第{i}条摘要：园区新签约项目{i}个，总投资{i}0亿元。</description></item>"
        for i in range(1, n + 1))
    return ("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>"
            f"<title>示例园区订阅</title><link>{base}/</link>{items}</channel></rss>")


def entry_page(i: int) -> str:
    """The full page of feed entry i."""
    return ARTICLE.replace(ARTICLE_TITLE, f"园区新闻{i}").replace("现场签约项目20个", f"现场签约项目{i}个，全文")
