#!/usr/bin/env python
"""Similar-ideas latency at scale ("has someone proposed this already?" while typing).

    .venv/bin/python bench/similar_speed.py [--ideas 1000000] [--keep DIR] [--rounds 3]
        [--database-url postgres://postgres@127.0.0.1:5432/NAME]

Uses a throwaway instance (or DIR) with at least M synthetic ideas (`tuuma demo --ideas M`,
spread over about 500 organizations). Idea drafts of our own, as an employee would type them,
go through `tuuma.search.query.similar_ideas(text, organization=…, user=…)` — what the
/haku/samankaltaiset/ fragment calls — for a member of each of several organizations;
in-process timing, p50/p95 over ROUNDS passes after one warm-up pass.

Baseline, in the same process and run: a plain indexed lookup of the same size — the
organization's five newest ideas (Idea.objects.filter(organization=…).order_by(…)[:5],
rendered to Python objects), i.e. what the form could show with no search at all. It
measures the fixed cost of the ORM and the database on this machine at this size, so the
ratio shows what finding *similar* ideas costs on top. Target (issue 3): p95 ≤ 150 ms at 1M.
"""

import argparse
import time

from common import data_dir, ensure_data, instance_env, percentile, setup_django, verdict

DRAFTS = [
    "Kotihoidon asiakkaille tekstiviestimuistutus ennen käyntiä, ettei kukaan odota turhaan",
    "Päiväkodin sijaisten haku on hidasta, voisiko sijaiset hakea sovelluksella",
    "Kirjaston tilat iltaisin yhdistysten käyttöön sähköisen varauskalenterin kautta",
    "Uusille työntekijöille selkeä perehdytysmalli ja nimetty kummi ensimmäisiksi viikoiksi",
    "Ruokapalvelujen hävikki pitäisi mitata ja tilaukset tehdä todellisen menekin mukaan",
    "Laskut kiertävät paperilla ja myöhästyvät, siirrytään sähköiseen laskujen käsittelyyn",
    "Asiakaspalvelupisteeseen takaisinsoittopalvelu ruuhka-aikoina, jonot ovat liian pitkiä",
    "Työvuorot suunnitellaan käsin Excelissä; tarvitaan yhteinen työvuorosuunnittelun työkalu",
    "Uimahallin aukioloajat joustavammiksi omatoimiajan avulla",
    "Koulukuljetusten muutokset menevät vanhemmille liian myöhään, tiedotus tekstiviestillä",
    "Etätyön pelisäännöt ovat epäselvät, tarvitaan yhteiset sopimukset tiimeille",
    "Asukkaat eivät löydä ohjeita verkkosivuilta, selkokieliset ohjeet ja chat-neuvonta",
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ideas", type=int, default=1_000_000)
    parser.add_argument("--keep", help="data directory to keep and reuse between runs")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--organizations", type=int, default=5)
    parser.add_argument("--database-url", help="run tuuma on this (kept) PostgreSQL database")
    o = parser.parse_args()
    with data_dir(o.keep) as path:
        env = instance_env(path, o.database_url)
        counts = ensure_data(env, ideas=o.ideas)
        setup_django(env)
        from django.db import connection
        from django.db.models import Count

        from tuuma.ideas.models import Idea
        from tuuma.organizations.models import Membership, Organization
        from tuuma.search.query import similar_ideas

        orgs = list(Organization.objects.annotate(n=Count("ideas")).filter(n__gt=0)
                    .order_by("-n")[:o.organizations])
        people = [(org, Membership.objects.filter(organization=org).select_related("user")
                   .first().user) for org in orgs]
        similar, plain, found = [], [], 0
        for n in range(o.rounds + 1):
            for org, user in people:
                for text in DRAFTS:
                    started = time.perf_counter()
                    hits = similar_ideas(text, organization=org, user=user)
                    middle = time.perf_counter()
                    list(Idea.objects.filter(organization=org).order_by("-created_at")[:5])
                    if n:
                        similar.append((middle - started) * 1000)
                        plain.append((time.perf_counter() - middle) * 1000)
                        found += len(hits)
        per_org = counts["ideas"] // max(1, Organization.objects.count())
    print(f"\n{counts['ideas']} ideas (about {per_org} per organization), {len(DRAFTS)} drafts × "
          f"{len(people)} organizations × {o.rounds} rounds, tuuma on {connection.vendor}, "
          f"in-process; {found / len(similar):.1f} similar ideas found per draft on average")
    for label, values in (("similar_ideas()", similar),
                          ("baseline: five newest ideas (indexed)", plain)):
        print(f"{label:40} p50 {percentile(values, 50):7.1f} ms   p95 "
              f"{percentile(values, 95):7.1f} ms")
    p95 = percentile(similar, 95)
    print(f"ratio similar / baseline: p50 {percentile(similar, 50) / percentile(plain, 50):.1f}×,"
          f" p95 {p95 / percentile(plain, 95):.1f}×")
    print(f"target: similar-ideas p95 ≤ 150 ms at 1M ideas: {p95:.1f} ms, {verdict(p95 <= 150)}")


if __name__ == "__main__":
    main()
