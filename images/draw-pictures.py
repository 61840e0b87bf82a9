#!/usr/bin/env python3
"""Draws the sample site's pictures (480x270 palette PNGs) from simple shapes, with nothing but the standard library.

They were made for Pravah and are released with it, so the sample site shows pictures offline and in screenshots
without borrowing anyone's photographs. Run from this folder: python3 draw-pictures.py
"""
import struct
import zlib

W, H = 480, 270


class Canvas:
    def __init__(self, background):
        self.palette = [background]
        self.px = bytearray(W * H)

    def ink(self, rgb):
        if rgb not in self.palette:
            self.palette.append(rgb)
        return self.palette.index(rgb)

    def rect(self, x0, y0, x1, y1, rgb):
        c = self.ink(rgb)
        for y in range(max(0, y0), min(H, y1)):
            self.px[y * W + max(0, x0):y * W + min(W, x1)] = bytes([c]) * (min(W, x1) - max(0, x0))

    def bands(self, y0, y1, top, bottom, steps=8):
        for i in range(steps):
            t = i / max(1, steps - 1)
            rgb = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom))
            self.rect(0, y0 + (y1 - y0) * i // steps, W, y0 + (y1 - y0) * (i + 1) // steps, rgb)

    def ellipse(self, cx, cy, rx, ry, rgb):
        c = self.ink(rgb)
        for y in range(max(0, cy - ry), min(H, cy + ry + 1)):
            for x in range(max(0, cx - rx), min(W, cx + rx + 1)):
                if ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1:
                    self.px[y * W + x] = c

    def polygon(self, points, rgb):
        c = self.ink(rgb)
        ys = [p[1] for p in points]
        for y in range(max(0, min(ys)), min(H, max(ys) + 1)):
            xs = []
            for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]):
                if (y0 <= y < y1) or (y1 <= y < y0):
                    xs.append(x0 + (y - y0) * (x1 - x0) / (y1 - y0))
            xs.sort()
            for a, b in zip(xs[::2], xs[1::2]):
                for x in range(max(0, round(a)), min(W, round(b) + 1)):
                    self.px[y * W + x] = c

    def save(self, path):
        raw = b"".join(b"\x00" + bytes(self.px[y * W:(y + 1) * W]) for y in range(H))

        def chunk(kind, data):
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

        with open(path, "wb") as out:
            out.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 8, 3, 0, 0, 0))
                      + chunk(b"PLTE", b"".join(bytes(c) for c in self.palette))
                      + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def lake():
    c = Canvas((170, 210, 235))
    c.bands(0, 150, (150, 200, 235), (225, 235, 240))
    c.polygon([(0, 150), (90, 95), (170, 140), (260, 85), (380, 145), (480, 110), (480, 160), (0, 160)], (120, 150, 110))
    c.rect(0, 158, W, H, (200, 185, 140))
    c.ellipse(240, 205, 210, 50, (70, 130, 160))
    for x, y in [(120, 200), (160, 215), (300, 190), (340, 222), (210, 230)]:
        c.ellipse(x, y, 26, 8, (90, 150, 70))
    c.ellipse(400, 40, 22, 22, (250, 220, 120))
    return c


def freight_corridor():
    c = Canvas((200, 220, 235))
    c.bands(0, 160, (175, 205, 230), (235, 235, 225))
    c.rect(0, 160, W, H, (150, 160, 120))
    c.polygon([(200, 160), (280, 160), (470, 270), (10, 270)], (120, 110, 100))
    for i in range(9):
        y = 165 + i * i * 13 // 8
        c.rect(0, y, W, y + 2 + i // 3, (90, 80, 70))
    for k, colour in enumerate([(180, 70, 50), (40, 90, 140), (200, 140, 40), (60, 120, 80)]):
        c.rect(60 + k * 95, 110, 140 + k * 95, 152, colour)
        c.ellipse(75 + k * 95, 154, 7, 7, (40, 40, 40))
        c.ellipse(125 + k * 95, 154, 7, 7, (40, 40, 40))
    return c


def book_fair():
    c = Canvas((240, 230, 210))
    c.rect(0, 200, W, H, (170, 120, 80))
    for k, colour in enumerate([(200, 60, 60), (60, 110, 170), (230, 170, 50)]):
        x = 30 + k * 150
        c.polygon([(x, 70), (x + 60, 40), (x + 120, 70)], colour)
        c.rect(x + 5, 70, x + 115, 200, (250, 245, 235))
        for row in range(3):
            for b in range(7):
                shade = [(150, 40, 40), (40, 90, 60), (30, 60, 120), (200, 130, 30)][(b + row + k) % 4]
                c.rect(x + 12 + b * 14, 90 + row * 35, x + 22 + b * 14, 118 + row * 35, shade)
    return c


def harbour_meeting():
    c = Canvas((190, 215, 230))
    c.bands(0, 120, (170, 205, 230), (220, 230, 235))
    c.rect(0, 120, W, H, (60, 120, 150))
    c.polygon([(60, 180), (170, 180), (150, 205), (80, 205)], (230, 230, 230))
    c.polygon([(110, 120), (110, 178), (150, 178)], (250, 250, 245))
    for x, y in [(260, 190), (300, 215), (350, 200), (400, 230), (320, 245)]:
        c.rect(x, y, x + 14, y + 6, (200, 190, 150))
    c.ellipse(420, 45, 25, 25, (250, 230, 150))
    return c


def seaside_festival():
    c = Canvas((250, 190, 120))
    c.bands(0, 150, (240, 140, 90), (250, 210, 150))
    c.ellipse(240, 150, 50, 50, (250, 230, 170))
    c.rect(0, 150, W, 200, (70, 110, 150))
    c.rect(0, 200, W, H, (230, 200, 150))
    c.rect(150, 70, 330, 150, (245, 245, 240))
    c.rect(160, 80, 320, 140, (40, 50, 70))
    c.rect(235, 150, 245, 200, (90, 70, 60))
    for x in range(40, 460, 36):
        c.ellipse(x, 240, 9, 9, (60, 60, 80))
    return c


def health_camp():
    c = Canvas((225, 240, 235))
    c.bands(0, 170, (200, 230, 240), (240, 245, 240))
    c.rect(0, 170, W, H, (160, 190, 120))
    c.polygon([(120, 170), (240, 60), (360, 170)], (245, 245, 245))
    c.polygon([(200, 170), (240, 110), (280, 170)], (90, 140, 120))
    c.rect(228, 75, 252, 99, (40, 150, 110))
    c.rect(216, 80, 264, 94, (40, 150, 110))
    for x in (60, 90, 390, 420):
        c.ellipse(x, 180, 10, 10, (120, 80, 60))
        c.rect(x - 9, 190, x + 9, 225, [(200, 90, 60), (60, 100, 170)][x % 2])
    return c


def foggy_highway():
    c = Canvas((215, 218, 220))
    c.bands(0, 270, (200, 204, 208), (230, 232, 233))
    c.polygon([(225, 110), (255, 110), (430, 270), (50, 270)], (150, 152, 155))
    for y0, y1 in [(120, 130), (145, 160), (180, 200), (225, 255)]:
        x = (y0 - 110) * 0.05
        c.polygon([(238 - x, y0), (242 + x, y0), (243 + x * 1.6, y1), (237 - x * 1.6, y1)], (240, 240, 230))
    c.ellipse(170, 230, 6, 6, (250, 220, 120))
    c.ellipse(205, 230, 6, 6, (250, 220, 120))
    c.rect(165, 215, 210, 226, (110, 110, 120))
    return c


def badminton():
    c = Canvas((235, 240, 250))
    c.bands(0, 270, (215, 230, 245), (245, 245, 250))
    c.rect(0, 200, W, H, (70, 140, 110))
    c.rect(0, 120, W, 124, (60, 60, 60))
    c.ellipse(160, 90, 45, 60, (60, 60, 70))
    c.ellipse(160, 90, 39, 54, (235, 240, 250))
    c.polygon([(196, 138), (204, 132), (270, 230), (262, 236)], (60, 60, 70))
    c.polygon([(330, 60), (370, 60), (360, 100), (340, 100)], (250, 250, 250))
    c.ellipse(350, 105, 11, 9, (230, 170, 60))
    return c


PICTURES = {
    "kamalsar-jheel.png": lake,
    "malvahan-galiyara.png": freight_corridor,
    "hindi-pustak-mela.png": book_fair,
    "jakarta-baithak.png": harbour_meeting,
    "sagartat-mahotsav.png": seaside_festival,
    "dengue-shivir.png": health_camp,
    "desh/kohra-rajmarg-suraksha.png": foggy_highway,
    "khel/badminton-junior-khitab.png": badminton,
}

if __name__ == "__main__":
    for name, draw in PICTURES.items():
        draw().save(name)
