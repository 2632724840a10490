#!/usr/bin/env python3
"""Generates the bundled DeepQuery sample dataset: a small online/in-store shop.

Writes, next to this script (or into the directory given as the only argument):
  regions.csv            5 sales regions
  products.csv           24 products in 6 categories with list prices
  sales_2024_MM.csv      one file per month, January to June 2024 (~4,500 order lines)

Deterministic: the same seed always gives byte-identical files, so the committed CSVs can be
regenerated and diffed. Standard library only.
"""
import csv
import datetime
import os
import random
import sys

SEED = 20240101

REGIONS = [
    # region, name, country, manager, weight of sales
    ("NA", "North America", "US", "Avery Brooks", 0.32),
    ("EMEA", "Europe & Middle East", "DE", "Lena Fischer", 0.27),
    ("APAC", "Asia Pacific", "JP", "Kenji Sato", 0.21),
    ("LATAM", "Latin America", "BR", "Marina Costa", 0.12),
    ("ANZ", "Australia & New Zealand", "AU", "Tom Walker", 0.08),
]

PRODUCTS = [
    # product_id, name, category, list price
    (1, "Espresso Beans 1kg", "Coffee", 24.90),
    (2, "Filter Coffee 500g", "Coffee", 11.50),
    (3, "Decaf Beans 500g", "Coffee", 13.20),
    (4, "Cold Brew Pack", "Coffee", 9.80),
    (5, "Green Tea 100 bags", "Tea", 7.40),
    (6, "Earl Grey Loose 250g", "Tea", 8.90),
    (7, "Chai Spice Mix", "Tea", 6.30),
    (8, "Matcha Powder 50g", "Tea", 18.00),
    (9, "Ceramic Mug", "Cups", 12.00),
    (10, "Travel Tumbler", "Cups", 21.50),
    (11, "Glass Teacup Set", "Cups", 29.00),
    (12, "Espresso Cup Pair", "Cups", 15.75),
    (13, "Burr Grinder", "Equipment", 89.00),
    (14, "Pour-over Dripper", "Equipment", 19.90),
    (15, "French Press 1l", "Equipment", 34.50),
    (16, "Gooseneck Kettle", "Equipment", 59.00),
    (17, "Digital Scale", "Equipment", 27.00),
    (18, "Paper Filters x100", "Supplies", 4.20),
    (19, "Descaler 2-pack", "Supplies", 9.50),
    (20, "Cleaning Brush", "Supplies", 3.80),
    (21, "Almond Biscotti", "Snacks", 5.60),
    (22, "Dark Chocolate Bar", "Snacks", 3.90),
    (23, "Shortbread Tin", "Snacks", 11.00),
    (24, "Gift Box Deluxe", "Snacks", 45.00),
]

# Popularity of each product (higher sells more often); cheap consumables sell most.
POPULARITY = [9, 8, 3, 5, 7, 5, 4, 3, 6, 5, 2, 3, 1, 4, 2, 2, 2, 8, 3, 4, 6, 7, 3, 1]

FIRST_DAY = datetime.date(2024, 1, 1)
LAST_DAY = datetime.date(2024, 6, 30)


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as output:
        writer = csv.writer(output, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def order_lines(rng):
    """Yields (order_id, day, region, channel, product_id, quantity, amount) rows in day order."""
    order_id = 100000
    region_codes = [region[0] for region in REGIONS]
    region_weights = [region[4] for region in REGIONS]
    day = FIRST_DAY
    while day <= LAST_DAY:
        weekend = day.weekday() >= 5
        # Slow January, busier spring; fewer orders at weekends.
        season = 1.0 + 0.08 * (day.month - 1)
        orders_today = max(1, int(rng.gauss(18 * season * (0.7 if weekend else 1.0), 3)))
        for _ in range(orders_today):
            order_id += 1
            region = rng.choices(region_codes, region_weights)[0]
            channel = "online" if rng.random() < (0.7 if weekend else 0.55) else "store"
            # One order has one to three lines with distinct products.
            line_count = rng.choices([1, 2, 3], [0.7, 0.22, 0.08])[0]
            products = set()
            while len(products) < line_count:
                products.add(rng.choices(PRODUCTS, POPULARITY)[0])
            for product_id, _name, _category, price in sorted(products):
                quantity = rng.choices([1, 2, 3, 4, 6], [0.6, 0.2, 0.1, 0.06, 0.04])[0]
                discount = 0.10 if quantity >= 4 else (0.05 if channel == "online" else 0.0)
                amount = round(price * quantity * (1 - discount), 2)
                yield (order_id, day.isoformat(), region, channel, product_id, quantity,
                       f"{amount:.2f}")
        day += datetime.timedelta(days=1)


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(directory, exist_ok=True)
    rng = random.Random(SEED)
    write_csv(os.path.join(directory, "regions.csv"),
              ["region", "region_name", "country", "manager"],
              [region[:4] for region in REGIONS])
    write_csv(os.path.join(directory, "products.csv"),
              ["product_id", "product_name", "category", "list_price"],
              [(product_id, name, category, f"{price:.2f}")
               for product_id, name, category, price in PRODUCTS])
    by_month = {}
    for row in order_lines(rng):
        by_month.setdefault(row[1][:7], []).append(row)
    header = ["order_id", "day", "region", "channel", "product_id", "quantity", "amount"]
    total = 0
    for month, rows in sorted(by_month.items()):
        write_csv(os.path.join(directory, f"sales_{month.replace('-', '_')}.csv"), header, rows)
        total += len(rows)
    print(f"wrote {total} sales rows in {len(by_month)} files, "
          f"{len(PRODUCTS)} products, {len(REGIONS)} regions to {directory}")


if __name__ == "__main__":
    main()
