"""Reads the cells of a heatmap that tofmap drew (plots/map.png) back from its pixels.

    python3 png_cells.py size PNG
        prints "WIDTH HEIGHT" from the PNG header (and checks the signature)

    python3 png_cells.py cells PNG NX NY XMIN XMAX YMIN YMAX CBLO CBHI
        prints NX x NY lines "i j value": the value each cell shows, read through the colour bar

The frame XMIN..XMAX, YMIN..YMAX is in pixels with y counted from the bottom (gnuplot's
GPVAL_TERM_XMIN...), the colour bar runs from CBLO at the frame's bottom to CBHI at its top, and
the cells are NX x NY equal rectangles in the frame (equal steps on the plot's scale). A cell's
colour is the median of the pixels in its middle that are neither white, grey nor black (contour
lines and labels), and its value is that of the nearest colour on the colour bar. A cell without
such pixels prints "white" (a point without a value, such as TOF <= 0), "grey" (a point whose
solver failed: #c8c8c8) or "nan" (neither).

Only the standard library (zlib) is used: the test needs no imaging package.
"""
import struct
import sys
import zlib


def read_png(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG file (signature {data[:8]!r})")
    pos = 8
    chunks = []
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunks.append((kind, data[pos + 8:pos + 8 + length]))
        pos += 12 + length
    if not chunks or chunks[0][0] != b"IHDR":
        raise SystemExit(f"{path}: no IHDR chunk first")
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    return width, height, depth, colour, interlace, b"".join(c for k, c in chunks if k == b"IDAT")


def decode(path):
    """Rows of (r, g, b) tuples, top row first."""
    width, height, depth, colour, interlace, idat = read_png(path)
    channels = {2: 3, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace != 0:
        raise SystemExit(f"{path}: depth {depth}, colour type {colour}, interlace {interlace}: "
                         "only 8-bit RGB/RGBA without interlace is read here")
    raw = zlib.decompress(idat)
    stride = width * channels
    rows = []
    prev = bytearray(stride)
    pos = 0
    for _ in range(height):
        kind = raw[pos]
        line = bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 255
        rows.append([tuple(line[k:k + 3]) for k in range(0, stride, channels)])
        prev = line
    return rows


def colourful(p):
    """Not white, grey or black: a colour of the palette."""
    return max(p) - min(p) > 24


def colour_bar(rows, xmax, top, bottom):
    """The colours of the bar from the frame's bottom to its top, from the column in the middle
    of the widest run of columns right of the frame that are colourful over the frame's height."""
    width = len(rows[0])
    good = [x for x in range(int(xmax) + 3, width)
            if sum(colourful(rows[y][x]) for y in range(top, bottom)) > 0.95 * (bottom - top)]
    if not good:
        raise SystemExit("no colour bar right of the frame")
    x = good[len(good) // 2]
    return [rows[y][x] for y in range(bottom - 1, top - 1, -1)]


def median_colour(pixels):
    pixels = [p for p in pixels if colourful(p)]
    if not pixels:
        return None
    return tuple(sorted(c[k] for c in pixels)[len(pixels) // 2] for k in range(3))


def plain_kind(pixels):
    """white, grey or nan: what most pixels of a cell without a palette colour are."""
    white = sum(min(p) >= 245 for p in pixels)
    grey = sum(max(p) - min(p) <= 4 and 190 <= p[0] <= 210 for p in pixels)
    if white > len(pixels) / 2:
        return "white"
    if grey > len(pixels) / 2:
        return "grey"
    return "nan"


def main():
    if sys.argv[1] == "size":
        width, height, _, _, _, _ = read_png(sys.argv[2])
        print(width, height)
        return
    if sys.argv[1] == "count":  # count PNG RRGGBB: the pixels of exactly that colour
        want = tuple(int(sys.argv[3][k:k + 2], 16) for k in (0, 2, 4))
        print(sum(1 for row in decode(sys.argv[2]) for p in row if tuple(p[:3]) == want))
        return
    png = sys.argv[2]
    nx, ny = int(sys.argv[3]), int(sys.argv[4])
    xmin, xmax, ymin, ymax, cblo, cbhi = map(float, sys.argv[5:11])
    rows = decode(png)
    height = len(rows)
    top, bottom = round(height - ymax), round(height - ymin)  # rows of the frame, top first
    bar = colour_bar(rows, xmax, top, bottom)
    for i in range(nx):
        for j in range(ny):
            # the middle 60 % of the cell
            x0 = xmin + (i + 0.2) / nx * (xmax - xmin)
            x1 = xmin + (i + 0.8) / nx * (xmax - xmin)
            y0 = bottom - (j + 0.8) / ny * (bottom - top)
            y1 = bottom - (j + 0.2) / ny * (bottom - top)
            cell = [rows[y][x] for y in range(round(y0), round(y1)) for x in range(round(x0), round(x1))]
            colour = median_colour(cell)
            if colour is None:
                print(i, j, plain_kind(cell))
                continue
            k = min(range(len(bar)), key=lambda n: sum((bar[n][c] - colour[c]) ** 2 for c in range(3)))
            print(i, j, "%.3f" % (cblo + (k + 0.5) / len(bar) * (cbhi - cblo)))


main()
