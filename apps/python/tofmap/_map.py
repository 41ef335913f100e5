"""tofmap.read_map: a map.csv as NumPy arrays over its grid."""

import os

_TEXT_COLUMNS = ("status", "undefined")


def numpy_module():
    """NumPy, or an ImportError that says who needs it and where to get it."""
    try:
        import numpy
    except ImportError:
        raise ImportError("tofmap.read_map and tofmap.run need NumPy, which this Python lacks "
                          "(Debian: python3-numpy, for /usr/bin/python3); Model and solve work "
                          "without it") from None
    return numpy


class MapData:
    """A map as arrays: `x` (and `y`) are the axis vectors, `m[column]` is a column of map.csv
    as an array of shape (len(x), len(y)) for a 2-D map or (len(x),) for a 1-D one, indexed
    [i, j] for the point (x[i], y[j]). Numbers are float64 exactly as map.csv writes them;
    `status` and `undefined` are arrays of str. `frame` is the whole table as a pandas DataFrame
    (needs pandas)."""

    def __init__(self, path, labels, axes, columns):
        self.path = path                  # the map.csv read
        self.x_label = labels[0]          # e.g. "p(CO_g)"
        self.y_label = labels[1] if len(labels) > 1 else None
        self.x = axes[0]
        self.y = axes[1] if len(axes) > 1 else None
        self._columns = columns           # {name: flat array in file order}, axes included
        self.columns = [c for c in columns if c not in labels]

    @property
    def shape(self):
        return (len(self.x),) if self.y is None else (len(self.x), len(self.y))

    def __getitem__(self, name):
        try:
            return self._columns[name].reshape(self.shape)
        except KeyError:
            raise KeyError(f"{name!r}: map.csv has no such column (its columns: "
                           f"{', '.join(self._columns)})") from None

    def __contains__(self, name):
        return name in self._columns

    @property
    def status(self):
        return self["status"]

    @property
    def frame(self):
        """map.csv as a pandas DataFrame, one row per point in file order."""
        try:
            import pandas
        except ImportError:
            raise ImportError("MapData.frame needs pandas (Debian: python3-pandas)") from None
        return pandas.DataFrame(dict(self._columns))

    def __repr__(self):
        axes = f"{self.x_label} ({len(self.x)})"
        if self.y is not None:
            axes += f" x {self.y_label} ({len(self.y)})"
        return f"tofmap.MapData({self.path!r}: {axes}; columns {', '.join(self.columns)})"


def _read_table(path):
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split(",")
        rows = [line.rstrip("\n").split(",") for line in f if line.strip()]
    for n, row in enumerate(rows, start=2):
        if len(row) != len(header):
            raise ValueError(f"{path}:{n}: {len(row)} values for {len(header)} columns")
    return header, rows


def _axis_labels(header):
    if "tof" not in header or header.index("tof") not in (1, 2):
        raise ValueError("the header has no axis columns before 'tof': not a tofmap map.csv")
    return header[:header.index("tof")]


def _config_axes(folder, labels):
    """The axis vectors of folder/config.ini (the config the run used), or None."""
    path = os.path.join(folder, "config.ini")
    if not os.path.isfile(path):
        return None
    from . import _tofmap
    try:
        axes = _tofmap._Model(path, []).axes
    except (ValueError, RuntimeError):
        return None
    if [label for label, _ in axes] != labels:
        return None
    return [values for _, values in axes]


def _inferred_axes(columns, labels):
    x = columns[labels[0]]
    if len(labels) == 1:
        return [list(x)]
    ny = 1
    while ny < len(x) and x[ny] == x[0]:
        ny += 1
    return [list(x[::ny]), list(columns[labels[1]][:ny])]


def _check_grid(numpy, path, columns, labels, axes):
    if len(axes) == 1:
        expected = [numpy.asarray(axes[0], dtype=float)]
    else:
        xs, ys = (numpy.asarray(a, dtype=float) for a in axes)
        expected = [numpy.repeat(xs, len(ys)), numpy.tile(ys, len(xs))]
    for label, values in zip(labels, expected):
        if columns[label].shape != values.shape or not numpy.array_equal(columns[label], values):
            raise ValueError(f"{path}: the column {label} does not follow the map's grid")


def read_map(path):
    """Reads DIR/map.csv (or the map.csv file `path`) as a MapData. The axis vectors come from
    DIR/config.ini when it is there (the config the run used), else from the columns."""
    numpy = numpy_module()
    path = os.fspath(path)
    csv = os.path.join(path, "map.csv") if os.path.isdir(path) else path
    header, rows = _read_table(csv)
    labels = _axis_labels(header)
    columns = {}
    for i, name in enumerate(header):
        values = [row[i] for row in rows]
        if name in _TEXT_COLUMNS:
            columns[name] = numpy.array(values, dtype=str)
        else:
            columns[name] = numpy.array([float(v) for v in values], dtype=numpy.float64)
    axes = _config_axes(os.path.dirname(csv) or ".", labels) or _inferred_axes(columns, labels)
    _check_grid(numpy, csv, columns, labels, axes)
    return MapData(csv, labels, [numpy.asarray(a, dtype=numpy.float64) for a in axes], columns)
