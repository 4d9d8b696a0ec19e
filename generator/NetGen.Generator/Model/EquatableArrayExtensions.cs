using System;
using System.Collections.Generic;

namespace NetGen.Generator.Model;

/// <summary>Builds <see cref="EquatableArray{T}"/>s from sequences.</summary>
internal static class EquatableArrayExtensions
{
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items) where T : IEquatable<T> => new(items);
}
