using System.Collections.Generic;

namespace NetGen.Calculus.Layers;

/// <summary>The windows of a max or average pooling: kH × kW, <c>stride</c> apart, no padding, one image source, each
/// channel on its own.</summary>
internal abstract class PoolRule : LayerRule
{
    protected PoolRule(NetworkSpec spec, int layer, int[] sourceNodes, double[] parameters) : base(spec, layer, sourceNodes, parameters)
    {
        Input = spec.ShapeOf(Definition.Sources[0]);
    }

    /// <summary>The image pooled.</summary>
    protected Shape Input { get; }

    public override bool HasActivation => false;

    /// <summary>The indices in the input of output <paramref name="j"/>'s window, in row-major window order.</summary>
    protected IEnumerable<int> Window(int j)
    {
        int area = Output.Height * Output.Width;
        int c = j / area, y = j % area / Output.Width, x = j % Output.Width;
        for (int i = 0; i < Definition.KernelHeight; i++)
            for (int jj = 0; jj < Definition.KernelWidth; jj++)
                yield return Input.IndexOf(c, y * Definition.Stride + i, x * Definition.Stride + jj);
    }

    /// <summary>The outputs whose window holds input value <paramref name="k"/>, in output order.</summary>
    protected IEnumerable<int> WindowsHolding(int k)
    {
        int area = Input.Height * Input.Width;
        int c = k / area, row = k % area / Input.Width, column = k % Input.Width;
        int s = Definition.Stride;
        for (int y = 0; y < Output.Height; y++)
        {
            if (row < y * s || row >= y * s + Definition.KernelHeight) continue;
            for (int x = 0; x < Output.Width; x++)
                if (column >= x * s && column < x * s + Definition.KernelWidth)
                    yield return Output.IndexOf(c, y, x);
        }
    }
}
