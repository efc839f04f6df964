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


def F(spec):
    """Parse ``"tag:.5|other:.2"`` into an ordered dict tag -> probability."""
    out = {}
    for part in spec.split("|"):
        tag, _, p = part.rpartition(":")
        out[tag] = float(p)
    return out


def N(noun, forced="", excl="", w=1, pm=1.0):
    """A product noun with forced/excluded feature tags and a price multiplier."""
    split = lambda s: [t for t in s.split("|") if t]
    return {"noun": noun, "forced": split(forced), "excl": split(excl), "w": w, "pm": pm}


def S(top, sub, w, price, nouns, feats, mats, sizes, extras=(), uses=(), **opt):
    """One subcategory spec; see module docstring for the field formats."""
    d = {"top": top, "sub": sub, "w": w, "price": price, "nouns": nouns, "feats": F(feats),
         "mats": mats, "sizes": sizes, "extras": list(extras), "uses": list(uses)}
    d.update(opt)
    return d


LETTER = ["XS-XL", "S-XL", "S-XXL", "XS-XXL"]
GENDERED = [("women", 4), ("men", 4), ("unisex", 2)]
AGES_KIDS = ["3+", "4+", "5+", "5+", "6+", "8+"]
O, A, SH, E = "Outdoor & Hiking", "Apparel", "Shoes", "Electronics"
H, B, SP, T = "Home & Kitchen", "Beauty", "Sports & Fitness", "Toys & Games"

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
    # ---------------------------------------------------------------- Home & Kitchen
    S(H, "Cookware", .3, (19, 349), [
        N("Frying Pan", w=5), N("Skillet", w=2), N("Saucepan", w=1), N("Dutch Oven", w=1, pm=1.4),
        N("Cookware Set", w=1, pm=1.8), N("Wok", w=1)],
      "non-stick:.85|dishwasher safe:.4|induction compatible:.5|oven safe:.5|pfoa free:.4|"
      "stay-cool handle:.3|lid included:.3",
      ["hard-anodized aluminium", "ceramic-coated aluminium", "stainless steel", "cast iron",
       "carbon steel", "hard-anodized aluminium", "ceramic-coated aluminium"],
      {"Frying Pan": ["8 in", "10 in", "12 in"], "Skillet": ["10 in", "12 in"],
       "Saucepan": ["1.5 qt", "2 qt", "3 qt"], "Dutch Oven": ["5.5 qt", "6 qt", "7 qt"],
       "Cookware Set": ["8-piece", "10-piece", "12-piece"], "Wok": ["12 in", "14 in"]}, [("weight_g", 700, 6000, 50)],
      ["weeknight dinners", "searing steaks", "Sunday breakfasts", "stir-fries", "batch cooking",
       "first apartments"], title_spec="size", noun_mats={"Dutch Oven": ["enameled cast iron", "cast iron"]},
      mat_excl={"stainless steel": ["non-stick", "pfoa free"],
                "cast iron": ["non-stick", "dishwasher safe", "pfoa free"],
                "enameled cast iron": ["non-stick", "pfoa free"],
                "carbon steel": ["non-stick", "dishwasher safe", "pfoa free"]},
      needs={"pfoa free": "non-stick"}, colours=["black", "grey", "red", "blue", "teal", "beige", "green"]),
    S(H, "Drinkware", .18, (9, 59), [
        N("Travel Mug", "leak-proof", "", 2), N("Insulated Tumbler", "insulated", "", 2),
        N("Water Bottle", w=2), N("Ceramic Mug Set", "", "insulated|leak-proof", 1),
        N("Coffee Mug", "", "leak-proof", 1)],
      "insulated:.6|leak-proof:.5|dishwasher safe:.5|microwave safe:.3|bpa free:.4",
      ["stainless steel", "BPA-free plastic", "glass with silicone sleeve"],
      ["350 ml", "470 ml", "590 ml", "750 ml", "1 l"], [],
      ["morning commutes", "the office", "road trips", "the gym", "slow Sunday coffee"],
      noun_mats={"Ceramic Mug Set": ["stoneware", "porcelain"], "Coffee Mug": ["ceramic", "stoneware"]},
      mat_excl={"stainless steel": ["microwave safe"], "stoneware": ["insulated"],
                "porcelain": ["insulated"], "ceramic": ["insulated"]}),
    S(H, "Small Appliances", .2, (29, 399), [
        N("Coffee Maker", w=2), N("Electric Kettle", w=2, pm=.6), N("Air Fryer", w=2),
        N("Blender", w=2), N("Toaster", w=1, pm=.6), N("Stand Mixer", w=1, pm=1.8)],
      "programmable:.4|auto shut-off:.5|dishwasher safe parts:.4|keep warm:.3|digital display:.4|"
      "bpa free:.3|compact:.3", ["stainless steel", "brushed stainless steel", "BPA-free plastic",
                                 "glass and stainless steel"], ["small", "standard", "large"],
      [("wattage_w", [600, 800, 1000, 1200, 1500, 1700])],
      ["busy mornings", "meal prep", "small kitchens", "smoothie lovers", "holiday baking"],
      noun_extras={"Coffee Maker": [("capacity_cups", [4, 8, 10, 12])],
                   "Electric Kettle": [("capacity_l", [1.0, 1.5, 1.7])],
                   "Air Fryer": [("capacity_l", [3.5, 5.0, 5.8, 8.0])],
                   "Blender": [("capacity_l", [0.6, 1.5, 2.0])], "Toaster": [("slots", [2, 4])],
                   "Stand Mixer": [("capacity_l", [4.3, 4.8, 5.5])]}),
    S(H, "Bedding", .18, (19, 249), [
        N("Sheet Set", w=3), N("Duvet Cover Set", "", "deep pocket", 2),
        N("Throw Blanket", "", "deep pocket", 2, .7), N("Pillow", "", "deep pocket", 1, .6),
        N("Weighted Blanket", "", "deep pocket", 1, 1.2)],
      "breathable:.5|machine washable:.6|hypoallergenic:.3|deep pocket:.3|wrinkle resistant:.2|"
      "organic:.2|cooling:.2",
      ["cotton percale", "cotton sateen", "linen", "bamboo viscose", "microfiber", "flannel cotton"],
      {"Throw Blanket": ["50 x 60 in"], "Weighted Blanket": ["48 x 72 in", "60 x 80 in"],
       "Pillow": ["standard", "queen", "king"], "*": ["twin", "full", "queen", "king"]},
      [], ["hot sleepers|cooling", "guest rooms", "cozy movie nights", "college dorms",
           "lazy Sunday mornings"], noun_extras={"Sheet Set": [("thread_count", [200, 300, 400, 600])]}),
    S(H, "Kitchen Knives", .14, (12, 299), [
        N("Chef's Knife", w=3), N("Knife Set", "", "", 2, 1.7), N("Santoku Knife", w=1),
        N("Paring Knife", w=1, pm=.4), N("Bread Knife", w=1, pm=.7)],
      "full tang:.5|ergonomic handle:.5|dishwasher safe:.15|blade guard included:.3|"
      "hand sharpened:.3|knife block included:.3",
      ["German stainless steel", "Japanese VG-10 steel", "high-carbon stainless steel",
       "Damascus-pattern steel", "ceramic"],
      {"Chef's Knife": ["6 in", "8 in", "10 in"], "Knife Set": ["5-piece", "8-piece", "14-piece"],
       "Santoku Knife": ["7 in"], "Paring Knife": ["3.5 in"], "Bread Knife": ["8 in", "10 in"]},
      [("blade_hardness_hrc", [56, 58, 60, 62])],
      ["everyday prep", "slicing crusty bread", "home cooks", "dicing vegetables", "carving roasts"],
      colours=["black", "brown", "grey", "white", "navy", "olive"], only={"knife block included": ["Knife Set"]}),
    # ---------------------------------------------------------------- Beauty
    S(B, "Skincare", .3, (9, 89), [
        N("Moisturizer", w=5), N("Face Serum", "", "spf 30", 2), N("Facial Cleanser", "", "spf 30", 2, .7),
        N("Night Cream", "", "spf 30", 1), N("Eye Cream", "", "spf 30", 1)],
      "fragrance free:.4|hypoallergenic:.3|vegan:.3|cruelty free:.5|non-comedogenic:.3|"
      "paraben free:.4|dermatologist tested:.3|spf 30:.15",
      ["cream", "gel-cream", "lotion"], {"Eye Cream": ["15 ml"], "Facial Cleanser": ["150 ml", "200 ml"],
                                         "*": ["30 ml", "50 ml", "75 ml"]},
      [("skin_type", ["dry", "dry", "dry", "oily", "combination", "sensitive", "normal", "all skin types"]),
       ("key_ingredient", ["hyaluronic acid", "shea butter", "niacinamide", "ceramides", "squalane",
                           "vitamin C", "aloe vera", "colloidal oatmeal", "green tea extract"])],
      ["morning routines", "winter dryness", "minimal routines", "travel bags", "post-gym skincare"],
      noun_mats={"Face Serum": ["serum", "oil serum"], "Facial Cleanser": ["gel", "foam", "cream"]},
      colours=["white", "beige", "pink", "green", "blue", "teal", "purple"], title_colour=False,
      mat_fmt="a {} formula"),
    S(B, "Haircare", .18, (7, 59), [
        N("Shampoo", w=3), N("Conditioner", w=2), N("Hair Mask", w=1), N("Hair Oil", w=1),
        N("Leave-In Conditioner", w=1)],
      "sulfate free:.5|color safe:.4|vegan:.3|cruelty free:.4|silicone free:.3|paraben free:.3",
      ["liquid", "cream", "lightweight oil"], {"Hair Oil": ["50 ml", "100 ml"], "*": ["250 ml", "400 ml", "1 l"]},
      [("hair_type", ["dry", "curly", "fine", "oily", "damaged", "all hair types"]),
       ("key_ingredient", ["argan oil", "coconut oil", "keratin", "biotin", "tea tree oil", "rosemary oil"])],
      ["wash days", "color-treated hair|color safe", "frizzy mornings", "salon-style blowouts", "travel"],
      noun_mats={"Hair Oil": ["lightweight oil"], "Hair Mask": ["cream"]},
      colours=["white", "beige", "green", "blue", "purple", "pink", "black"], title_colour=False,
      mat_fmt="a {} formula"),
    S(B, "Makeup", .18, (6, 49), [
        N("Lipstick", "", "waterproof", 2), N("Mascara", w=2), N("Liquid Foundation", "", "waterproof", 1),
        N("Eyeshadow Palette", "", "waterproof", 1, 1.4), N("Lip Gloss", "", "waterproof", 1)],
      "long-wearing:.5|waterproof:.3|cruelty free:.5|vegan:.3|paraben free:.3|buildable:.3|smudge proof:.3",
      ["matte", "satin", "cream", "powder"],
      {"Mascara": ["8 ml"], "Liquid Foundation": ["30 ml"], "Eyeshadow Palette": ["12-pan"], "*": ["3.5 g"]},
      [("finish", ["matte", "satin", "glossy", "shimmer", "natural"])],
      ["everyday looks", "date nights", "long workdays", "weddings", "festival season"],
      colours=["red", "pink", "purple", "brown", "beige", "black", "orange"], mat_fmt="a {} formula"),
    S(B, "Fragrance", .16, (25, 149), [
        N("Eau de Parfum", w=3, pm=1.2), N("Eau de Toilette", w=2), N("Body Mist", w=1, pm=.5),
        N("Fragrance Gift Set", "gift set", "", 1, 1.3)],
      "long-lasting:.5|vegan:.2|cruelty free:.4|travel size:.15|refillable:.2",
      ["glass", "frosted glass"], ["30 ml", "50 ml", "100 ml"],
      [("scent_family", ["floral", "woody", "citrus", "fresh", "amber", "gourmand", "aquatic"])],
      ["date nights", "everyday wear", "special occasions", "the office", "summer evenings"],
      gender=[("women", 5), ("men", 4), ("unisex", 3)],
      colours=["pink", "purple", "beige", "black", "blue", "white", "yellow"], title_colour=False, mat_fmt=""),
    S(B, "Bath & Body", .18, (6, 49), [
        N("Body Wash", w=2), N("Body Lotion", w=2), N("Bath Bomb Set", "", "", 1), N("Hand Cream", w=2),
        N("Body Scrub", w=1)],
      "moisturizing:.6|vegan:.3|cruelty free:.4|paraben free:.3|fragrance free:.2|natural ingredients:.3",
      ["gel", "lotion", "cream", "sugar scrub"], ["75 ml", "250 ml", "400 ml"],
      [("scent", ["lavender", "eucalyptus", "vanilla", "coconut", "citrus", "rose"])],
      ["self-care Sundays", "long baths", "dry winter hands", "spa nights at home", "gym bags"],
      noun_mats={"Body Scrub": ["sugar scrub"], "Bath Bomb Set": ["pressed powder"]},
      colours=["white", "pink", "purple", "green", "yellow", "blue", "beige"], title_colour=False,
      mat_fmt="a {} formula"),
    # ---------------------------------------------------------------- Sports & Fitness
    S(SP, "Yoga", .26, (12, 129), [
        N("Yoga Mat", w=6), N("Travel Yoga Mat", "lightweight", "extra thick", 1),
        N("Yoga Block Set", "", "extra thick|alignment lines|carrying strap included", 1, .4),
        N("Yoga Strap", "", "extra thick|alignment lines|carrying strap included|non-slip", 1, .3)],
      "non-slip:.7|extra thick:.3|eco-friendly:.35|lightweight:.3|carrying strap included:.35|"
      "alignment lines:.3|sweat resistant:.3",
      ["natural rubber", "TPE foam", "cork and natural rubber", "PVC-free foam"],
      {"Yoga Block Set": ["2 blocks"], "Yoga Strap": ["8 ft"], "*": ["183 x 61 cm", "190 x 66 cm"]},
      [], ["hot yoga", "pilates", "home workouts", "stretching", "beginner classes", "meditation"],
      noun_mats={"Yoga Block Set": ["cork", "EVA foam"], "Yoga Strap": ["cotton webbing"]},
      noun_extras={"Yoga Mat": [("thickness_mm", [3, 4, 5, 6, 8])], "Travel Yoga Mat": [("thickness_mm", [1.5, 2])]}),
    S(SP, "Strength Training", .22, (15, 399), [
        N("Dumbbell Set", w=2), N("Adjustable Dumbbells", "adjustable", "", 2, 2.2), N("Kettlebell", w=2, pm=.6),
        N("Resistance Bands Set", "", "rubber coated", 2, .3), N("Weight Bench", "", "rubber coated", 1, 1.6)],
      "non-slip grip:.5|rubber coated:.4|compact storage:.3|floor friendly:.3|door anchor included:.5|"
      "adjustable:.2", ["cast iron", "steel", "natural latex", "steel frame with foam padding"], ["one size"],
      [], ["home gyms", "garage workouts", "small apartments", "physical therapy", "full-body circuits"],
      only={"door anchor included": ["Resistance Bands Set"]},
      noun_mats={"Resistance Bands Set": ["natural latex", "fabric"], "Weight Bench": ["steel frame with foam padding"],
                 "*": ["cast iron", "steel"]},
      noun_extras={"Dumbbell Set": [("weight_kg", [10, 20, 30])], "Adjustable Dumbbells": [("weight_kg", [24, 32, 40])],
                   "Kettlebell": [("weight_kg", [4, 8, 12, 16, 20, 24])], "Resistance Bands Set": [("bands", [3, 5])],
                   "Weight Bench": [("max_load_kg", [250, 300, 350])]}, title_spec="weight_kg",
      colours=["black", "grey", "blue", "red", "green", "purple", "pink"]),
    S(SP, "Cycling", .18, (15, 249), [
        N("Bike Helmet", "", "", 3), N("Bike Light Set", "rechargeable", "", 2, .5),
        N("Cycling Gloves", "padded palms", "", 1, .4), N("Cycling Jersey", "", "", 1, .7)],
      "reflective:.4|lightweight:.4|ventilated:.5|rechargeable:.0|moisture wicking:.5|padded palms:.0|"
      "adjustable fit:.5|usb-c charging:.4",
      ["polycarbonate shell with EPS foam"], {"Bike Helmet": ["S", "M", "L", "S-M", "M-L"],
                                              "Bike Light Set": ["one size"], "*": ["XS-XXL", "S-XL"]},
      [("weight_g", 60, 420, 10)],
      ["commuting", "road rides", "mountain biking", "night rides|reflective", "weekend group rides"], skew=2.0,
      only={"ventilated": ["Bike Helmet"], "adjustable fit": ["Bike Helmet"],
            "moisture wicking": ["Cycling Jersey", "Cycling Gloves"], "usb-c charging": ["Bike Light Set"],
            "padded palms": ["Cycling Gloves"]},
      noun_mats={"Bike Light Set": ["aluminium", "ABS plastic"], "Cycling Gloves": ["synthetic leather and mesh"],
                 "Cycling Jersey": ["recycled polyester", "polyester"]}),
    S(SP, "Team Sports", .2, (12, 79), [
        N("Soccer Ball", w=3), N("Basketball", w=3), N("Volleyball", w=2), N("Football", w=1)],
      "indoor/outdoor:.5|machine stitched:.3|hand stitched:.2|official size:.5|pump included:.3|"
      "water resistant:.2", ["composite leather", "rubber", "synthetic leather", "PU leather"],
      {"Soccer Ball": ["size 3", "size 4", "size 5"], "Basketball": ["size 5", "size 6", "size 7"],
       "Volleyball": ["size 5"], "Football": ["junior", "official"]}, [("weight_g", 260, 650, 10)],
      ["backyard games", "team practice", "pickup games", "school PE", "park afternoons"],
      excl=[["machine stitched", "hand stitched"]]),
    S(SP, "Racket Sports", .14, (15, 249), [
        N("Tennis Racket", w=2), N("Pickleball Paddle Set", w=2), N("Badminton Set", w=1, pm=.6),
        N("Table Tennis Paddle Set", w=1, pm=.5)],
      "lightweight:.4|cover included:.4|balls included:.3|beginner friendly:.4|vibration dampening:.3",
      ["graphite", "aluminium", "fiberglass", "carbon fibre", "wood with rubber"], ["standard"],
      [("weight_g", 85, 320, 5)], ["club play", "beginner lessons", "backyard matches", "weekend doubles",
                                                               "summer camps"],
      only={"balls included": ["Pickleball Paddle Set", "Badminton Set", "Table Tennis Paddle Set"]}),
    # ---------------------------------------------------------------- Toys & Games
    S(T, "Board Games", .26, (12, 89), [
        N("Family Board Game", "family friendly", "", 3), N("Strategy Board Game", "strategy", "", 2, 1.3),
        N("Cooperative Board Game", "cooperative", "", 2), N("Party Game", "party game", "", 1, .7),
        N("Card Game", "", "", 2, .5)],
      "family friendly:.5|strategy:.3|cooperative:.2|party game:.1|quick to learn:.5|educational:.2|"
      "travel size:.15", ["cardboard and wooden pieces", "cardboard", "card stock",
                          "cardboard and plastic miniatures"], ["one size"],
      [("players", ["2", "2-4", "2-5", "2-6", "3-8", "1-4", "4-10"]),
       ("age_range", ["5+", "6+", "8+", "8+", "10+", "12+", "14+"]), ("play_time_min", [15, 20, 30, 45, 60, 90])],
      ["family game night", "holiday gatherings", "rainy afternoons", "date night", "parties|party game",
       "game clubs|strategy"], models="names", title_colour=False),
    S(T, "Building Sets", .2, (14, 149), [
        N("Building Block Set", w=3), N("Magnetic Tiles Set", w=2), N("Construction Kit", w=1), N("Marble Run", w=1)],
      "stem:.5|storage box included:.3|creative play:.5|bpa free:.4|glow in the dark:.1|motorized:.1",
      ["ABS plastic", "wood", "magnetic ABS plastic"], ["one size"],
      [("piece_count", 50, 1500, 10), ("age_range", AGES_KIDS)],
      ["rainy days", "screen-free afternoons", "birthday parties", "classrooms", "family builds"],
      title_spec="piece_count", price_key=("piece_count", 50, 1500)),
    S(T, "Plush Toys", .16, (9, 59), [
        N("Plush Bear", w=2), N("Stuffed Animal", w=3), N("Plush Unicorn", w=1), N("Plush Dinosaur", w=1)],
      "super soft:.8|machine washable:.5|hypoallergenic:.3|embroidered eyes:.4|recycled:.2",
      ["polyester plush", "organic cotton", "minky fabric"], ["small", "medium", "large"],
      [("height_cm", 20, 60, 5), ("age_range", ["1+", "2+", "3+", "3+"])],
      ["bedtime", "road trips", "naptime", "baby showers", "hospital visits"]),
    S(T, "Puzzles", .14, (9, 49), [
        N("Jigsaw Puzzle", w=4), N("Kids Floor Puzzle", w=1, pm=.8), N("3D Puzzle", w=1)],
      "thick pieces:.4|poster included:.4|recycled:.3|glare-free finish:.3|educational:.2",
      ["recycled cardboard", "premium cardboard", "wood", "foam"], ["one size"], [],
      ["quiet evenings", "family tables", "rainy weekends", "holiday cabins", "screen-free nights"],
      noun_extras={"Jigsaw Puzzle": [("piece_count", [300, 500, 750, 1000, 1500, 2000]),
                                     ("age_range", ["10+", "12+", "14+"])],
                   "Kids Floor Puzzle": [("piece_count", [24, 36, 48]), ("age_range", ["3+", "4+", "5+"])],
                   "3D Puzzle": [("piece_count", [80, 120, 200]), ("age_range", ["8+", "10+"])]},
      models="names", title_spec="piece_count", title_colour=False),
    S(T, "Educational Toys", .14, (12, 129), [
        N("STEM Kit", "stem", "", 2), N("Science Kit", "", "", 2), N("Coding Robot", "rechargeable", "", 1, 1.5),
        N("Shape Sorter", "", "rechargeable|battery operated", 1, .4)],
      "educational:.8|stem:.5|battery operated:.3|rechargeable:.15|screen free:.3|bpa free:.3|"
      "activity guide included:.4", ["ABS plastic", "wood", "plastic and cardboard"], ["one size"],
      [("age_range", AGES_KIDS)], ["curious kids", "homeschool days", "classroom projects", "rainy afternoons",
                                   "weekend experiments"], excl=[["battery operated", "rechargeable"]]),
    S(T, "RC & Vehicles", .1, (15, 129), [
        N("Remote Control Car", "rechargeable", "", 3), N("Toy Train Set", w=1),
        N("Kids Scooter", "", "rechargeable|battery operated", 1), N("Toy Truck", "", "rechargeable", 1, .6)],
      "rechargeable:.3|all terrain:.3|light-up wheels:.3|battery operated:.3|easy to assemble:.3",
      ["ABS plastic", "wood", "metal and plastic"], ["one size"], [("age_range", ["3+", "5+", "6+", "8+"])],
      ["backyard races", "birthday gifts", "playroom adventures", "park days", "driveway stunts"],
      cond={"rechargeable": ("run_time_min", [20, 30, 40, 60])}, excl=[["battery operated", "rechargeable"]]),
]
