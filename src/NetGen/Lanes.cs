using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace NetGen;

/// <summary>
/// Moves examples in and out of SIMD lanes for the lane form of generated code: <see cref="Transpose{T}"/> turns
/// Vector&lt;T&gt;.Count rows of a batch into one vector per column (lane i holds row i), and <see cref="AddSums{T}"/>
/// adds a gradient kept split by lane into an ordinary gradient.
/// </summary>
/// <remarks>Thread safety: every member is a static function that reads only its arguments and writes only the spans it
/// is given, so any number of threads may call them at once as long as no two calls write the same memory.</remarks>
public static class Lanes
{
    /// <summary>
    /// Reads Vector&lt;T&gt;.Count rows of <paramref name="columns"/> values from <paramref name="rows"/> into
    /// <paramref name="destination"/>: destination[k] holds column k of every row, row i in lane i.
    /// </summary>
    public static void Transpose<T>(ReadOnlySpan<T> rows, int columns, Span<Vector<T>> destination) where T : unmanaged, INumber<T>
    {
        int width = Vector<T>.Count;
        NetworkGuard.CheckLength(rows.Length, width * columns, nameof(rows));
        NetworkGuard.CheckLength(destination.Length, columns, nameof(destination));
        Span<T> lane = MemoryMarshal.Cast<Vector<T>, T>(destination);
        for (int i = 0; i < width; i++)
        {
            ReadOnlySpan<T> row = rows.Slice(i * columns, columns);
            for (int k = 0; k < columns; k++) lane[k * width + i] = row[k];
        }
    }

    /// <summary>
    /// The inverse of <see cref="Transpose{T}"/>: writes lane i of each of <paramref name="columns"/>'s vectors into row i of
    /// <paramref name="rows"/> (Vector&lt;T&gt;.Count rows of columns.Length values).
    /// </summary>
    public static void Untranspose<T>(ReadOnlySpan<Vector<T>> columns, Span<T> rows) where T : unmanaged, INumber<T>
    {
        int width = Vector<T>.Count, count = columns.Length;
        NetworkGuard.CheckLength(rows.Length, width * count, nameof(rows));
        ReadOnlySpan<T> lane = MemoryMarshal.Cast<Vector<T>, T>(columns);
        for (int i = 0; i < width; i++)
        {
            Span<T> row = rows.Slice(i * count, count);
            for (int k = 0; k < count; k++) row[k] = lane[k * width + i];
        }
    }

    /// <summary>destination[i] += Σ over the lanes of lanes[i]: the gradient of all the examples the lanes held.</summary>
    public static void AddSums<T>(ReadOnlySpan<Vector<T>> lanes, Span<T> destination) where T : unmanaged, INumber<T>
    {
        NetworkGuard.CheckLength(destination.Length, lanes.Length, nameof(destination));
        for (int i = 0; i < lanes.Length; i++) destination[i] += Vector.Sum(lanes[i]);
    }
}
