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
    (needs pandas).

    A refined map ([map] refine = L; its map.csv has a `level` column and only the points it
    computed) is given on its finest grid: `refine` is L, `computed` is True where map.csv has
    the point, and the other points are NaN (numbers) or "" (status, undefined). `frame` has
    map.csv's rows: the computed points only."""

    def __init__(self, path, labels, axes, rows, index, refine=0):
        self.path = path                  # the map.csv read
        self.x_label = labels[0]          # e.g. "p(CO_g)"
        self.y_label = labels[1] if len(labels) > 1 else None
        self.x = axes[0]
        self.y = axes[1] if len(axes) > 1 else None
        self.refine = refine              # [map] refine: 0 for a map of every grid point
        self._rows = rows                 # {name: array in map.csv's order}, axes included
        self._index = index               # the grid point (i·len(y) + j) of each row
        self._grids = {}                  # {name: array over the grid}, made on first use
        self.columns = [c for c in rows if c not in labels]

    @property
    def shape(self):
        return (len(self.x),) if self.y is None else (len(self.x), len(self.y))

    def __getitem__(self, name):
        if name not in self._grids:
            try:
                values = self._rows[name]
            except KeyError:
                raise KeyError(f"{name!r}: map.csv has no such column (its columns: "
                               f"{', '.join(self._rows)})") from None
            missing = "" if values.dtype.kind == "U" else numpy_module().nan
            self._grids[name] = self._on_grid(values, missing)
        return self._grids[name]

    def _on_grid(self, values, missing):
        """`values` (one per row of map.csv) as an array over the grid, `missing` at the points
        map.csv does not have."""
        size = len(self.x) * (1 if self.y is None else len(self.y))
        if len(values) == size:
            return values.reshape(self.shape)  # every point, in grid order
        grid = numpy_module().full(size, missing, dtype=values.dtype)
        grid[self._index] = values
        return grid.reshape(self.shape)

    def __contains__(self, name):
        return name in self._rows

    @property
    def status(self):
        return self["status"]

    @property
    def computed(self):
        """True at the points map.csv has: all of them but for a refined map."""
        return self._on_grid(numpy_module().ones(len(self._index), dtype=bool), False)

    @property
    def frame(self):
        """map.csv as a pandas DataFrame, one row per point in file order."""
        try:
            import pandas
        except ImportError:
            raise ImportError("MapData.frame needs pandas (Debian: python3-pandas)") from None
        return pandas.DataFrame(dict(self._rows))

    def __repr__(self):
        axes = f"{self.x_label} ({len(self.x)})"
        if self.y is not None:
            axes += f" x {self.y_label} ({len(self.y)})"
        if self.refine:
            axes += f", refined {self.refine} times: {len(self._index)} points computed"
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


def _config_axes(folder, labels, refined):
    """(axis vectors, refine) of folder/config.ini (the config the run used), or None when it is
    missing or describes another map."""
    path = os.path.join(folder, "config.ini")
    if not os.path.isfile(path):
        return None
    from . import _tofmap
    try:
        model = _tofmap._Model(path, [])
    except (ValueError, RuntimeError):
        return None
    axes = model.axes
    if [label for label, _ in axes] != labels or (model.refine > 0) != refined:
        return None
    return [values for _, values in axes], model.refine


def _distinct(numpy, values):
    """The distinct values in the order they first appear."""
    _, first = numpy.unique(values, return_index=True)
    return values[numpy.sort(first)]


def _inferred_axes(numpy, columns, labels):
    """The axes of the points map.csv has: x as its rows come (rows of constant x), y sorted the
    way it runs within a row."""
    x = _distinct(numpy, columns[labels[0]])
    if len(labels) == 1:
        return [x]
    xs, ys = columns[labels[0]], columns[labels[1]]
    y = numpy.unique(ys)
    steps = (xs[1:] == xs[:-1]) & (ys[1:] != ys[:-1])
    if steps.any() and ys[1:][steps][0] < ys[:-1][steps][0]:
        y = y[::-1]
    return [x, y]


def _axis_index(numpy, path, label, axis, values):
    """The index of each row's value on `axis`; ValueError at the first value that is not on it."""
    order = numpy.argsort(axis, kind="stable")
    pos = numpy.clip(numpy.searchsorted(axis[order], values), 0, len(axis) - 1)
    index = order[pos]
    off = axis[index] != values
    if off.any():
        row = int(numpy.argmax(off))
        raise ValueError(f"{path}:{row + 2}: {label} = {values[row]!r} is not a point of the "
                         "map's grid")
    return index


def _grid_index(numpy, path, columns, labels, axes, refined):
    """The grid point (i·len(y) + j) of each row. ValueError unless the rows are points of the
    grid in its order, each once, and (unless refined) every point of the grid."""
    index = [_axis_index(numpy, path, label, axis, columns[label])
             for label, axis in zip(labels, axes)]
    flat = index[0] if len(index) == 1 else index[0] * len(axes[1]) + index[1]
    back = numpy.diff(flat) <= 0
    if back.any():
        row = int(numpy.argmax(back)) + 1
        raise ValueError(f"{path}:{row + 2}: the point comes after a later point of the grid (or "
                         "again): map.csv's rows follow the grid, rows of constant x")
    size = len(axes[0]) * (1 if len(axes) == 1 else len(axes[1]))
    if not refined and len(flat) != size:
        raise ValueError(f"{path}: {len(flat)} points for a grid of {size}: not a whole map "
                         "(and no level column, as a refined map has)")
    return flat


def read_map(path):
    """Reads DIR/map.csv (or the map.csv file `path`) as a MapData. The axis vectors come from
    DIR/config.ini when it is there (the config the run used): a refined map's finest grid. Else
    they come from the columns: the values the points have."""
    numpy = numpy_module()
    path = os.fspath(path)
    csv = os.path.join(path, "map.csv") if os.path.isdir(path) else path
    header, rows = _read_table(csv)
    labels = _axis_labels(header)
    refined = "level" in header
    columns = {}
    for i, name in enumerate(header):
        values = [row[i] for row in rows]
        if name in _TEXT_COLUMNS:
            columns[name] = numpy.array(values, dtype=str)
        else:
            columns[name] = numpy.array([float(v) for v in values], dtype=numpy.float64)
    found = _config_axes(os.path.dirname(csv) or ".", labels, refined)
    if found:
        axes, refine = found
    else:
        axes = _inferred_axes(numpy, columns, labels)
        refine = int(columns["level"].max()) if refined and rows else 0
    axes = [numpy.asarray(a, dtype=numpy.float64) for a in axes]
    index = _grid_index(numpy, csv, columns, labels, axes, refined)
    return MapData(csv, labels, axes, columns, index, refine)
