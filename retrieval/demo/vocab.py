"""Vocabulary tables for the seeded demo catalog (brands, subcategories, features).

Kept apart from ``demo_catalog`` so the generator stays readable: this module is
pure data plus two tiny parsing helpers.  Everything here is invented -- brand
names are fictional -- and every table is an ordered list/dict so iteration
order (and therefore the generated catalog) is identical on every run.

Compact string mini-formats used below:
  * features: ``"waterproof:.8|windproof:.55"`` -> tag and inclusion probability;
  * nouns: ``N("Rain Jacket", "waterproof", "insulated", w=3, pm=1.0)`` -> noun,
    forced features, excluded features, sampling weight and price multiplier;
  * extras: ``("weight_g", 180, 900, 10)`` int range with step, or
    ``("age_range", ["3+", "5+"])`` a choice list.
"""

# Colour names; their hex values live in demo_images.COLOUR_HEX.
COLOUR_NAMES = ["black", "white", "red", "blue", "navy", "green", "olive", "yellow", "orange", "pink",
                "purple", "grey", "beige", "brown", "teal"]

TIER_MULT = {"budget": 0.8, "mid": 1.0, "premium": 1.3}

TOPS = {
    "Outdoor & Hiking": {
        "brands": [("Nordvik", "premium"), ("Alpenlite", "mid"), ("Kestrel & Co", "premium"),
                   ("Tidewater", "mid"), ("Summitra", "budget"), ("Fjellborn", "mid")],
        "models": "Ridgeline Cascade Talus Scree Cirrus Fjord Skarven Highpass Tarn Corrie Larch "
                  "Ember Bergen Solstice Northbound Granite Switchback Trailhead Cairn Glacier "
                  "Sierra Boreal Tundra Moraine Arete Halden Nimbus Peakline Vardo Kettle",
    },
    "Apparel": {
        "brands": [("Lumora", "mid"), ("Brightwell", "budget"), ("Tidewater", "mid"),
                   ("Marlowe Thread", "premium"), ("Corbel", "mid"), ("Hollis & Wren", "premium")],
        "models": "Everyday Harbor Weekender Linden Carver Haven Marlow Brooke Juniper Calder "
                  "Mercer Lowell Easton Willa Sable Rowan Sutton Avery Wren Hudson Ivy Quincy "
                  "Remy Ellis Tate Delphine Arden Foss",
    },
    "Shoes": {
        "brands": [("Stridewell", "mid"), ("Pacera", "premium"), ("Alpenlite", "mid"),
                   ("Kestrel & Co", "premium"), ("Fernhollow", "budget"), ("Corbel", "mid")],
        "models": "Velo Swift Tempo Glide Strider Zephyr Cadence Nova Surge Trailblaze Flux "
                  "Rove Pathfinder Frost Aurora Featherstep Momentum Kinetic Pace Lumen Ridge "
                  "Harbor Tundra Breeze Quill Sprint Ember Meridian",
    },
    "Electronics": {
        "brands": [("Vantor", "mid"), ("Quillon", "budget"), ("Auralis", "premium"),
                   ("Voltaro", "mid"), ("Nexora", "premium"), ("Brightwell", "budget")],
        "models": "Aria Nova Flux Halo Orbit Vertex Quanta Wave Beam Spark Core Prism Atlas "
                  "Nimbus Astra Lyra Helix Vibe Volt Arc Axis Tempo Drift Zenith Pulse Solo "
                  "Duet Sonata Cadence",
    },
    "Home & Kitchen": {
        "brands": [("Brightwell", "budget"), ("Copperleaf", "premium"), ("Larkfield", "mid"),
                   ("Hearthwood", "mid"), ("Maison Verde", "premium"), ("Tidewater", "mid")],
        "models": "Everyday Heritage Artisan Bistro Harvest Provence Nordic Sage Juniper Ember "
                  "Hearth Maple Willow Copper Olive Thyme Cove Orchard Meadow Aster Fennel "
                  "Basil Larder Pantry Saffron Clove",
    },
    "Beauty": {
        "brands": [("Lumora", "mid"), ("Verdane", "mid"), ("Petalune", "budget"),
                   ("Aurelle", "premium"), ("Maison Verde", "premium"), ("Solenne", "mid")],
        "models": "Dew Glow Bloom Velvet Pure Radiance Petal Silk Aura Bare Calm Nectar Lumi "
                  "Hydra Soleil Opal Rosewater Clarity Halo Nourish Serene Botanica Cloud "
                  "Mist Satin Amber",
    },
    "Sports & Fitness": {
        "brands": [("Pacera", "premium"), ("Ironvale", "mid"), ("Flowline", "mid"),
                   ("Stridewell", "mid"), ("Corbel", "budget"), ("Kestrel & Co", "premium")],
        "models": "Core Flow Apex Titan Balance Zen Sprint Endure Forge Rally Summit Vigor "
                  "Momentum Anchor Ascend Agile Strive Kinetic Tempo Rebound Pivot Grit "
                  "Steady Lift Drive",
    },
    "Toys & Games": {
        "brands": [("Quillon", "mid"), ("Pipwick", "budget"), ("Tumbleberry", "mid"),
                   ("Marbleworks", "premium"), ("Brightwell", "budget"), ("Jollyfox", "mid")],
        "models": "Buddy Sunny Rocket Wiggle Pebble Sprout Bumble Doodle Tinker Pip Jolly "
                  "Whizz Cosmo Poppy Nugget Noodle Bramble Sparky Comet Button Zoom Hopper "
                  "Twiddle Scout",
    },
}

# Two-word names for games and puzzles ("Lantern Harbor").
NAME_A = ("Lantern Copper Hidden Silver Moonlit Clockwork Wild Sunken Painted Tiny Golden "
          "Misty Crimson Hollow Autumn Alpine Starlit Velvet Paper Thunder").split()
NAME_B = ("Harbor Orchard Kingdoms Caravan Isles Expedition Bazaar Meadow Railways Dragons "
          "Lighthouse Village Garden Voyage Castle Market Canyon Forest Station Reef").split()
MODEL_SUFFIX = ["2", "II", "Pro", "Lite", "Plus", "LT", "Max", "X", "Trail", "Flex"]


from retrieval.demo.spec import (  # noqa: F401  (re-exported for the generator and tests)
    AGES_KIDS, GENDERED, LETTER, A, B, E, F, H, N, O, S, SH, SP, T,
)

from retrieval.demo.vocab_more import SUBCATS_HOME_TO_TOYS

SUBCATS = [
    # ---------------------------------------------------------------- Outdoor
    S(O, "Jackets", .52, (39, 349), [
        N("Hiking Jacket", w=3), N("Rain Jacket", "waterproof", "insulated", 3),
        N("Shell Jacket", "waterproof|windproof", "insulated", 2, 1.2),
        N("Insulated Jacket", "insulated", "", 2, 1.2),
        N("Softshell Jacket", "windproof|breathable", "waterproof|seam sealed", 1)],
      "waterproof:.85|windproof:.55|breathable:.6|insulated:.15|packable:.35|hooded:.7|"
      "seam sealed:.4|pit zips:.2|reflective:.15|recycled:.3",
      ["nylon ripstop", "polyester", "nylon", "polyester ripstop", "stretch nylon"], LETTER,
      [("weight_g", 180, 900, 10)],
      ["day hikes", "backpacking trips", "rainy commutes|waterproof", "windy ridgelines|windproof",
       "cold-weather walks|insulated", "travel", "weekend camping", "early-morning dog walks"],
      skew=2.5, gender=GENDERED, prem={"insulated": .2, "waterproof": .08, "seam sealed": .05},
      cond={"waterproof": ("waterproof_rating_mm", [10000, 15000, 20000, 28000])},
      needs={"seam sealed": "waterproof", "pit zips": "waterproof"}),
    S(O, "Backpacks", .18, (29, 279), [
        N("Hiking Backpack", w=3), N("Daypack", w=2, pm=.7), N("Trekking Pack", w=1, pm=1.3),
        N("Travel Backpack", w=1)],
      "water resistant:.5|padded hip belt:.5|hydration compatible:.5|rain cover included:.3|"
      "ventilated back panel:.4|lightweight:.4|recycled:.25|laptop sleeve:.25",
      ["nylon ripstop", "polyester", "recycled polyester", "nylon"], ["one size", "S/M", "M/L"],
      [("capacity_l", 16, 65, 2), ("weight_g", 400, 2200, 50)],
      ["day hikes", "multi-day treks", "travel", "commuting", "summit pushes", "school runs"],
      title_spec="capacity_l", price_key=("capacity_l", 16, 65)),
    S(O, "Tents", .12, (59, 599), [
        N("Backpacking Tent", "lightweight", w=2), N("Dome Tent", w=2), N("Camping Tent", w=2),
        N("Family Tent", "", "lightweight", 1, 1.3)],
      "waterproof:.7|freestanding:.6|lightweight:.4|easy setup:.5|two doors:.3|"
      "footprint included:.25|ventilated:.4", ["polyester ripstop", "nylon ripstop", "silicone-coated nylon"],
      {"Backpacking Tent": ["1-person", "2-person", "3-person"], "Family Tent": ["4-person", "6-person", "8-person"],
       "*": ["2-person", "3-person", "4-person"]}, [("weight_g", 900, 6000, 100)],
      ["backcountry trips", "car camping", "festival weekends", "family campouts",
       "bikepacking|lightweight"], title_spec="size"),
    S(O, "Sleeping Bags", .1, (39, 349), [
        N("Sleeping Bag", w=3), N("Mummy Sleeping Bag", "hooded", "", 2),
        N("Ultralight Sleeping Bag", "lightweight", "", 1, 1.3)],
      "water resistant:.4|compressible:.6|hooded:.4|lightweight:.3|recycled:.2|two-way zipper:.4",
      ["synthetic fill with nylon shell", "duck down with nylon shell", "polyester fill"],
      ["regular", "long"], [("temp_rating_c", [-15, -9, -7, -1, 2, 5, 10]), ("weight_g", 700, 2500, 50)],
      ["shoulder-season camping", "backpacking trips", "car camping", "sleepovers", "hut trips"]),
    S(O, "Trekking Poles", .08, (19, 159), [N("Trekking Poles", w=3), N("Hiking Poles", w=2)],
      "collapsible:.7|cork grip:.4|shock absorbing:.4|lightweight:.5|adjustable:.8|carbide tips:.5",
      ["aluminium", "carbon fibre"], ["100-135 cm", "105-140 cm", "one size"], [("weight_g", 300, 650, 10)],
      ["steep descents", "long day hikes", "river crossings", "snowshoe outings", "trekking"],
      colours=["black", "blue", "red", "grey", "green", "orange"]),
    # ---------------------------------------------------------------- Apparel
    S(A, "T-Shirts", .22, (9, 59), [
        N("T-Shirt", w=3), N("Crew Neck Tee", w=2), N("V-Neck Tee", w=1),
        N("Performance Tee", "moisture wicking", "organic", 1), N("Pocket Tee", w=1)],
      "organic:.3|moisture wicking:.25|quick dry:.2|tagless:.4|pre-shrunk:.4|relaxed fit:.3|"
      "slim fit:.3|recycled:.15|anti-odor:.15",
      ["cotton", "organic cotton", "cotton-modal blend", "merino wool", "slub cotton"], LETTER,
      [("fabric_weight_gsm", 140, 240, 10)],
      ["everyday wear", "layering", "weekend errands", "the gym|moisture wicking", "travel",
       "lazy Sundays"], gender=GENDERED, excl=[["relaxed fit", "slim fit"], ["organic", "recycled"]]),
    S(A, "Jeans", .14, (29, 149), [
        N("Jeans", w=3), N("Slim Jeans", "slim fit", "", 1), N("Straight Leg Jeans", "straight leg", "", 2),
        N("Relaxed Jeans", "relaxed fit", "", 1), N("Bootcut Jeans", w=1)],
      "stretch:.6|slim fit:.2|straight leg:.2|relaxed fit:.15|organic:.2|raw denim:.1|"
      "recycled:.1|high rise:.2", ["cotton denim", "cotton-elastane denim", "selvedge denim"],
      ["24-34", "28-40", "26-36", "30-42"], [("inseam_in", [28, 30, 32, 34])],
      ["everyday wear", "the office on casual Fridays", "weekend plans", "travel", "date nights"],
      gender=[("women", 1), ("men", 1)], colours=["blue", "navy", "black", "grey", "white"],
      excl=[["slim fit", "straight leg", "relaxed fit"], ["organic", "recycled"]]),
    S(A, "Sweaters & Hoodies", .2, (19, 179), [
        N("Hoodie", "hooded", w=3), N("Zip Hoodie", "hooded|full zip", "", 1),
        N("Crewneck Sweater", "", "hooded|kangaroo pocket|full zip", 2),
        N("Cardigan", "", "hooded|kangaroo pocket", 1), N("Sweatshirt", "", "hooded|full zip", 2),
        N("Fleece Pullover", "", "full zip", 1)],
      "hooded:.2|kangaroo pocket:.5|brushed interior:.4|machine washable:.5|organic:.2|"
      "recycled:.15|relaxed fit:.3|ribbed cuffs:.4|warm:.5",
      ["cotton fleece", "merino wool", "cashmere blend", "cotton", "wool blend", "polyester fleece"],
      LETTER, [], ["chilly evenings", "lounging at home", "layering", "travel", "campfires",
                   "weekend errands"], gender=GENDERED, needs={"kangaroo pocket": "hooded"},
      excl=[["organic", "recycled"]], prem={"cashmere": .3}),
    S(A, "Dresses", .12, (25, 189), [
        N("Midi Dress", w=2), N("Wrap Dress", w=2), N("Maxi Dress", w=1), N("Shirt Dress", w=1),
        N("Sweater Dress", w=1)], "pockets:.5|wrinkle resistant:.3|lined:.3|adjustable straps:.2|machine washable:.5|"
      "stretch:.3|breathable:.3", ["linen", "cotton poplin", "viscose", "jersey knit", "crepe", "linen blend"],
      ["XS-XL", "XXS-XXL", "S-XL"], [], ["summer weddings", "the office", "brunch",
                                        "vacations", "date nights", "garden parties"], gender=[("women", 1)]),
    S(A, "Outerwear", .18, (39, 299), [
        N("Rain Jacket", "waterproof|hooded", "insulated|water resistant", 3),
        N("Puffer Jacket", "insulated", "", 2), N("Parka", "insulated|hooded", "", 2, 1.3),
        N("Trench Coat", "water resistant", "insulated|waterproof", 1, 1.2),
        N("Wool Coat", "", "waterproof|packable", 1, 1.3),
        N("Fleece Jacket", "", "waterproof|water resistant", 1, .7)],
      "waterproof:.3|water resistant:.3|insulated:.3|hooded:.5|windproof:.3|packable:.2|"
      "recycled:.2|faux fur trim:.1",
      ["polyester", "nylon", "cotton-blend twill"], LETTER, [("weight_g", 300, 1400, 20)],
      ["city commutes", "winter weekends|insulated", "rainy days|waterproof", "travel",
       "school runs", "evenings out"], gender=GENDERED,
      noun_mats={"Wool Coat": ["wool blend", "merino wool"], "Fleece Jacket": ["polyester fleece"]},
      needs={"faux fur trim": "hooded"}, excl=[["waterproof", "water resistant"]], prem={"insulated": .15}),
    S(A, "Socks", .14, (6, 39), [
        N("Crew Socks", w=3), N("Ankle Socks", w=2), N("Hiking Socks", "cushioned", "", 2), N("Wool Socks", w=2)],
      "cushioned:.5|moisture wicking:.5|arch support:.3|seamless toe:.4|anti-odor:.3|warm:.3",
      ["merino wool blend", "cotton blend", "bamboo viscose blend", "recycled polyester blend"],
      ["S-L", "M-XL", "one size"], [("pack_count", [1, 2, 3, 3, 5, 6])],
      ["everyday wear", "long walks", "hiking", "the gym", "cold mornings"],
      gender=GENDERED, noun_mats={"Wool Socks": ["merino wool blend"]}, title_spec="pack_count"),
    # ---------------------------------------------------------------- Shoes
    S(SH, "Running Shoes", .3, (49, 229), [
        N("Running Shoes", w=4), N("Trail Running Shoes", "trail grip", "", 2),
        N("Road Running Shoes", "", "trail grip", 2), N("Racing Shoes", "lightweight", "", 1, 1.2)],
      "cushioned:.7|lightweight:.5|breathable:.6|reflective:.25|trail grip:.05|waterproof:.08|"
      "carbon plate:.1|wide fit:.15|responsive foam:.4|recycled:.15",
      ["engineered mesh", "knit upper", "mesh upper with synthetic overlays"], None,
      [("weight_g", 180, 340, 5), ("drop_mm", [0, 4, 6, 8, 10, 12])],
      ["daily training", "race day", "tempo runs", "easy miles", "trail runs|trail grip",
       "the treadmill", "marathon training"], gender=[("women", 9), ("men", 9), ("unisex", 2)],
      prem={"carbon plate": .4}),
    S(SH, "Hiking Boots", .16, (69, 299), [
        N("Hiking Boots", w=3), N("Mid Hiking Boots", w=2),
        N("Backpacking Boots", "ankle support", "", 1, 1.2), N("Hiking Shoes", "", "ankle support", 1, .8)],
      "waterproof:.7|ankle support:.6|lugged outsole:.7|breathable:.4|insulated:.1|lightweight:.3|"
      "toe cap:.3", ["full-grain leather", "suede and mesh", "nubuck leather", "synthetic"], None,
      [("weight_g", 700, 1600, 20)],
      ["rocky trails", "day hikes", "multi-day treks", "muddy spring hikes|waterproof", "travel"], gender=GENDERED),
    S(SH, "Winter Boots", .18, (49, 259), [
        N("Winter Boots", w=3), N("Snow Boots", "insulated", "", 2), N("Chelsea Boots", w=1),
        N("Duck Boots", "waterproof", "", 1)],
      "insulated:.8|waterproof:.6|warm lining:.6|slip resistant:.6|faux fur lined:.3|lace-up:.3|"
      "side zip:.3", ["leather", "suede", "nylon and rubber", "nubuck leather"], None, [],
      ["snowy sidewalks", "winter walks", "ski trips", "icy commutes|slip resistant",
       "shovelling the driveway"], gender=GENDERED, cond={"insulated": ("temp_rating_c", [-40, -32, -25, -20, -10])}),
    S(SH, "Sneakers", .14, (39, 159), [
        N("Sneakers", w=3), N("Canvas Sneakers", w=2), N("Leather Sneakers", "", "vegan", 2, 1.2),
        N("Slip-On Sneakers", w=1)],
      "cushioned insole:.5|lightweight:.4|vegan:.2|machine washable:.2|breathable:.3|recycled:.2",
      ["canvas", "leather", "knit upper", "vegan leather"], None, [],
      ["everyday wear", "city walks", "travel", "weekend errands", "casual Fridays"],
      gender=GENDERED, noun_mats={"Canvas Sneakers": ["canvas"], "Leather Sneakers": ["leather"]},
      mat_excl={"leather": ["vegan", "machine washable"]}),
    S(SH, "Sandals", .08, (19, 119), [
        N("Sandals", w=2), N("Slide Sandals", w=2), N("Sport Sandals", w=2), N("Flip-Flops", w=1, pm=.6)],
      "adjustable straps:.5|water friendly:.5|contoured footbed:.5|quick dry:.3|vegan:.2|arch support:.3",
      ["EVA foam", "leather", "recycled rubber", "synthetic webbing"], None, [],
      ["beach days", "summer travel", "river walks", "poolside lounging", "festivals"],
      gender=GENDERED, mat_excl={"leather": ["vegan", "quick dry", "water friendly"]}),
    S(SH, "Slippers", .14, (15, 89), [
        N("Slippers", w=3), N("Moccasin Slippers", w=1), N("Slipper Boots", w=1), N("Clog Slippers", w=1)],
      "memory foam:.5|faux fur lined:.4|non-slip sole:.6|machine washable:.3|indoor/outdoor sole:.3|warm:.5",
      ["wool felt", "suede", "faux shearling", "knit fleece"], None, [],
      ["lazy weekends", "cold floors", "working from home", "holiday mornings", "cabin getaways"], gender=GENDERED,
      mat_excl={"suede": ["machine washable"]}),
    # ---------------------------------------------------------------- Electronics
    S(E, "Headphones", .28, (19, 399), [
        N("Over-Ear Headphones", w=3, pm=1.2), N("Wireless Earbuds", "wireless|bluetooth", "foldable", 3),
        N("On-Ear Headphones", w=1), N("Sport Earbuds", "water resistant", "foldable", 1)],
      "wireless:.7|bluetooth:.7|noise cancelling:.45|water resistant:.25|fast charging:.3|"
      "built-in microphone:.6|foldable:.3|multipoint:.25|transparency mode:.2",
      ["plastic and memory foam", "aluminium and protein leather", "matte polymer"], ["one size"],
      [], ["commuting", "long flights", "focused work", "workouts", "podcasts on the go",
           "late-night gaming"], prem={"noise cancelling": .35, "wireless": .1},
      cond={"wireless": ("battery_life_h", 6, 60, 2)},
      needs={"bluetooth": "wireless", "fast charging": "wireless", "multipoint": "bluetooth",
             "transparency mode": "noise cancelling"}),
    S(E, "Speakers", .2, (19, 299), [
        N("Bluetooth Speaker", "bluetooth|wireless", w=4), N("Portable Speaker", "wireless", w=2),
        N("Smart Speaker", "wi-fi|voice assistant", "waterproof|water resistant", 1),
        N("Soundbar", "", "waterproof|water resistant|fast charging", 1, 1.3)],
      "bluetooth:.6|wireless:.6|waterproof:.35|water resistant:.2|stereo pairing:.4|"
      "built-in microphone:.3|fast charging:.2|usb-c charging:.4|recycled:.1",
      ["fabric and rubber", "aluminium", "ABS plastic"], ["compact", "standard", "large"],
      [("output_w", 5, 120, 5)], ["beach days", "backyard barbecues", "the shower|waterproof",
                                  "movie nights", "road trips", "dinner parties"],
      cond={"wireless": ("battery_life_h", 8, 30, 1)}, excl=[["waterproof", "water resistant"]],
      needs={"bluetooth": "wireless", "fast charging": "wireless"}),
    S(E, "Smartwatches", .16, (29, 399), [
        N("Smartwatch", w=3), N("Fitness Tracker", w=2, pm=.5), N("GPS Sports Watch", "gps", "", 1, 1.2)],
      "heart rate monitor:.8|gps:.4|water resistant:.7|sleep tracking:.6|bluetooth:.9|"
      "contactless payments:.2|always-on display:.3",
      ["aluminium case with silicone band", "stainless steel case with leather band",
       "polymer case with fabric band"], ["S/M", "M/L", "one size"],
      [("battery_life_h", 24, 336, 24)], ["marathon training", "daily step goals", "sleep tracking|sleep tracking",
                                           "swimming laps|water resistant", "busy workdays"], prem={"gps": .25}),
    S(E, "Chargers & Power Banks", .18, (12, 99), [
        N("Power Bank", w=3), N("Wireless Charger", "wireless charging", "", 2),
        N("USB-C Wall Charger", "usb-c", "", 2), N("Car Charger", w=1)],
      "fast charging:.7|usb-c:.6|wireless charging:.1|compact:.5|multiple ports:.4|led indicator:.3",
      ["ABS plastic", "aluminium", "matte polycarbonate"], ["one size"],
      [("output_w", [18, 20, 30, 45, 65, 100])], ["travel", "festivals", "the nightstand",
                                                  "the daily commute", "long road trips"],
      noun_extras={"Power Bank": [("capacity_mah", [5000, 10000, 10000, 20000, 26800])]}, title_spec="capacity_mah"),
    S(E, "Keyboards & Mice", .18, (15, 179), [
        N("Wireless Keyboard", "wireless", "", 2), N("Mechanical Keyboard", "mechanical", "", 2, 1.3),
        N("Wireless Mouse", "wireless", "mechanical|backlit", 2, .6),
        N("Ergonomic Mouse", "ergonomic", "mechanical|backlit", 1, .7),
        N("Keyboard and Mouse Combo", "", "mechanical", 1)],
      "wireless:.5|bluetooth:.4|backlit:.3|ergonomic:.2|rechargeable:.5|quiet keys:.2|multi-device:.3",
      ["ABS plastic", "aluminium and ABS plastic", "PBT plastic"], ["compact", "full size"],
      [], ["home offices", "gaming sessions", "coding marathons", "travel", "the shared family desk"],
      cond={"rechargeable": ("battery_life_h", 40, 400, 20)},
      needs={"bluetooth": "wireless", "multi-device": "bluetooth"}),
] + SUBCATS_HOME_TO_TOYS
