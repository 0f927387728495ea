"""Words before a number that qualify it (至少, 近, 超过 …): shared by the extractor, which
reads them, and the display, which writes them (`display` needs them without the
extractor's compiled rules)."""
from __future__ import annotations

PRE_QUAL = [("不超过", "under"), ("不高于", "under"), ("不少于", "over"), ("不低于", "over"),
            ("至少", "over"), ("超过", "over"), ("多达", "over"), ("将近", "approx"),
            ("接近", "approx"), ("大约", "approx"), ("约合", "approx"), ("大概", "approx"),
            ("不到", "under"), ("不足", "under"), ("低于", "under"), ("少于", "under"),
            ("突破", "over"), ("近", "approx"), ("约", "approx"), ("超", "over"),
            ("逾", "over")]
