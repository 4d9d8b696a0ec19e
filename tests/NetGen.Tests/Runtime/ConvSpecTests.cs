using System;
using System.Linq;
using Xunit;

namespace NetGen.Tests.Runtime;

/// <summary>
/// The spec of convolutional networks: shapes worked out for every kind of layer, the parameter layout and names of a
/// convolution (PyTorch's Conv2d), and every check that refuses an impossible geometry.
/// </summary>
public sealed class ConvSpecTests
{
    [Fact]
    public void LeNet_shapes_offsets_and_fan_ins()
    {
        NetworkSpec spec = ConvNetworks.LeNet();
        Assert.Equal(Shape.Image(1, 28, 28), spec.ShapeOf("input"));
        Assert.Equal(Shape.Image(8, 28, 28), spec.ShapeOf(0));
        Assert.Equal(Shape.Image(8, 14, 14), spec.ShapeOf("layer2"));
        Assert.Equal(Shape.Image(16, 10, 10), spec.ShapeOf(2));
        Assert.Equal(Shape.Image(16, 5, 5), spec.ShapeOf(3));
        Assert.Equal(Shape.Vector(10), spec.ShapeOf("layer5"));
        // The resolved layers carry their output's size, so Layers[l].Size and SizeOf are right for image layers too.
        Assert.Equal(new[] { 6272, 1568, 1600, 400, 10 }, spec.Layers.Select(l => l.Size));
        Assert.Equal(1600, spec.SizeOf("layer3"));
        Assert.Equal((784, 10), (spec.InputCount, spec.OutputCount));

        // conv1: 8×1×5×5 weights + 8 biases; conv2: 16×8×5×5 + 16; the poolings none; dense 10×400 + 10.
        Assert.Equal(new[] { 25, 4, 200, 4, 400 }, Enumerable.Range(0, 5).Select(spec.FanIn));
        Assert.Equal(new[] { 208, 0, 3216, 0, 4010 }, Enumerable.Range(0, 5).Select(spec.LayerParameterCount));
        Assert.Equal(new[] { 0, 208, 208, 3424, 3424 }, Enumerable.Range(0, 5).Select(spec.WeightOffset));
        Assert.Equal(new[] { 200, 208, 3408, 3424, 7424 }, Enumerable.Range(0, 5).Select(spec.BiasOffset));
        Assert.Equal(7434, spec.ParameterCount);
        Assert.True(spec.IsSequential);
        Assert.Equal(
            "input[1x28x28] -> layer1 = Conv(8, 5x5, stride 1, padding 2, ReLU): 8x28x28 -> layer2 = MaxPool(2x2, stride 2): 8x14x14" +
            " -> layer3 = Conv(16, 5x5, stride 1, padding 0, ReLU): 16x10x10 -> layer4 = MaxPool(2x2, stride 2): 16x5x5" +
            " -> layer5 = Dense(10, Softmax); cost CrossEntropy(layer5); 7434 parameters",
            spec.ToString());
    }

    [Fact]
    public void Convolution_parameters_are_named_filter_channel_row_column_and_parse_back()
    {
        NetworkSpec spec = ConvNetworks.LeNet();
        Assert.Equal("layer1.w[0,0,0,0]", spec.ParameterName(0));
        Assert.Equal("layer1.w[0,0,1,3]", spec.ParameterName(8));
        Assert.Equal("layer1.w[7,0,4,4]", spec.ParameterName(199));
        Assert.Equal("layer1.b[0]", spec.ParameterName(200));
        Assert.Equal("layer1.b[7]", spec.ParameterName(207));
        // w[o,c,i,j] is element ((o·C + c)·kH + i)·kW + j of the layer's weights: ((1·8 + 2)·5 + 3)·5 + 4 = 269.
        Assert.Equal("layer3.w[1,2,3,4]", spec.ParameterName(208 + 269));
        Assert.Equal("layer3.b[15]", spec.ParameterName(3423));
        Assert.Equal("layer5.w[9,399]", spec.ParameterName(7423));
        Assert.Equal("layer5.b[0]", spec.ParameterName(7424));
        for (int i = 0; i < spec.ParameterCount; i++)
            Assert.Equal(i, spec.ParameterIndex(spec.ParameterName(i)));
    }

    [Theory]
    [InlineData("layer1.w[0,0]", "'layer1.w[0,0]' is not a weight name; expected 'layer1.w[o,c,i,j]' with whole numbers o (filter), c (input channel), i and j (kernel row and column), such as 'layer1.w[0,0,0,0]'.")]
    [InlineData("layer1.w[8,0,0,0]", "'layer1.w[8,0,0,0]' has filter index 8; expected 0 to 7, since layer1 has 8 filter(s).")]
    [InlineData("layer3.w[0,8,0,0]", "'layer3.w[0,8,0,0]' has input channel index 8; expected 0 to 7, since layer3 reads 8 channel(s).")]
    [InlineData("layer3.w[0,0,5,0]", "'layer3.w[0,0,5,0]' has kernel row index 5; expected 0 to 4, since layer3's kernel is 5x5.")]
    [InlineData("layer3.w[0,0,0,5]", "'layer3.w[0,0,0,5]' has kernel column index 5; expected 0 to 4, since layer3's kernel is 5x5.")]
    [InlineData("layer1.b[8]", "'layer1.b[8]' has filter index 8; expected 0 to 7, since layer1 has 8 filter(s).")]
    [InlineData("layer1.b[0,0]", "'layer1.b[0,0]' is not a bias name; expected 'layer1.b[o]' with a whole number o (filter), such as 'layer1.b[0]'.")]
    [InlineData("layer2.w[0,0,0,0]", "'layer2.w[0,0,0,0]' names 'layer2', a max pooling, which has no parameters; expected one of the layers with parameters (layer1, layer3, layer5), such as 'layer1.w[0,0,0,0]' or 'layer1.b[0]'.")]
    [InlineData("conv.w[0,0,0,0]", "'conv.w[0,0,0,0]' names layer 'conv', which this network does not have; expected one of its layers with parameters (layer1, layer3, layer5), such as 'layer1.w[0,0,0,0]' or 'layer1.b[0]'.")]
    [InlineData("layer1", "'layer1' is not a parameter name; expected 'layer.w[j,k]' or 'layer.w[o,c,i,j]' (a weight) or 'layer.b[j]' (a bias), such as 'layer1.w[0,0,0,0]' or 'layer1.b[0]'.")]
    public void A_wrong_convolution_parameter_name_says_what_is_wrong(string name, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => ConvNetworks.LeNet().ParameterIndex(name));
        Assert.Equal(message + " (Parameter 'name')", error.Message);
    }

    [Theory]
    // input C×H×W, kernel kH×kW, stride, padding → filters × ⌊(H + 2p − kH)/s⌋+1 × ⌊(W + 2p − kW)/s⌋+1
    [InlineData(1, 28, 28, 5, 5, 1, 2, 28, 28)]
    [InlineData(3, 7, 9, 3, 3, 2, 1, 4, 5)]
    [InlineData(2, 7, 5, 3, 2, 2, 1, 4, 3)]
    [InlineData(1, 5, 5, 1, 1, 1, 0, 5, 5)]
    [InlineData(1, 5, 5, 1, 1, 3, 0, 2, 2)]
    [InlineData(4, 6, 10, 6, 1, 1, 0, 1, 10)]
    [InlineData(1, 2, 2, 5, 5, 1, 2, 2, 2)]
    [InlineData(1, 1, 1, 3, 3, 2, 1, 1, 1)]
    [InlineData(1, 9, 8, 3, 3, 2, 0, 4, 3)]
    public void Convolution_output_shapes(int c, int h, int w, int kh, int kw, int stride, int padding, int height, int width)
    {
        var spec = new NetworkSpec([new InputSpec("x", c, h, w)],
            [LayerSpec.Conv("conv", 5, kh, kw, stride, padding, Activation.ReLU, ["x"])],
            [new OutputSpec("conv", Loss.SquaredError)]);
        Assert.Equal(Shape.Image(5, height, width), spec.ShapeOf("conv"));
        Assert.Equal(5 * height * width, spec.Layers[0].Size);
        Assert.Equal(c * kh * kw, spec.FanIn(0));
        Assert.Equal(5 * c * kh * kw + 5, spec.ParameterCount);
    }

    [Theory]
    // input C×H×W, window kH×kW, stride → C × ⌊(H − kH)/s⌋+1 × ⌊(W − kW)/s⌋+1
    [InlineData(8, 28, 28, 2, 2, 2, 14, 14)]
    [InlineData(2, 5, 5, 3, 3, 1, 3, 3)]
    [InlineData(1, 7, 6, 3, 3, 2, 3, 2)]
    [InlineData(3, 6, 8, 2, 3, 2, 3, 3)]
    [InlineData(1, 4, 4, 4, 4, 4, 1, 1)]
    [InlineData(1, 5, 5, 2, 2, 3, 2, 2)]
    public void Pooling_output_shapes_keep_the_channels(int c, int h, int w, int kh, int kw, int stride, int height, int width)
    {
        foreach (Func<string, int, int, int, string[], LayerSpec> pool in new Func<string, int, int, int, string[], LayerSpec>[] { LayerSpec.MaxPool, LayerSpec.AvgPool })
        {
            var spec = new NetworkSpec([new InputSpec("x", c, h, w)], [pool("p", kh, kw, stride, ["x"])], [new OutputSpec("p", Loss.SquaredError)]);
            Assert.Equal(Shape.Image(c, height, width), spec.ShapeOf("p"));
            Assert.Equal(kh * kw, spec.FanIn(0));
            Assert.Equal(0, spec.ParameterCount);
            Assert.True(spec.IsSequential);
        }
    }

    [Fact]
    public void Global_pooling_concatenation_sums_and_dense_layers_of_images()
    {
        var spec = new NetworkSpec(
            [new InputSpec("x", 2, 6, 5), new InputSpec("v", 3)],
            [
                LayerSpec.Conv("a", 4, 3, 3, 1, 1, Activation.Tanh, ["x"]),
                LayerSpec.Conv("b", 4, 1, 1, 1, 0, Activation.Tanh, ["x"]),
                new LayerSpec("r", LayerKind.Add, 120, Activation.Identity, ["a", "b"]),
                LayerSpec.Conv("cat", 2, 3, 3, 1, 0, Activation.ReLU, ["r", "x", "a"]),
                LayerSpec.GlobalAvgPool("g", ["cat"]),
                new LayerSpec("d", LayerKind.Dense, 5, Activation.Sigmoid, ["cat", "v"]),
                new LayerSpec("out", LayerKind.Dense, 1, Activation.Identity, ["g", "d"]),
            ],
            [new OutputSpec("out", Loss.SquaredError)]);
        Assert.Equal(Shape.Image(4, 6, 5), spec.ShapeOf("r"));
        // The concatenation reads 4 + 2 + 4 channels of 6×5.
        Assert.Equal(Shape.Image(2, 4, 3), spec.ShapeOf("cat"));
        Assert.Equal(10 * 9, spec.FanIn(3));
        Assert.Equal(2 * 90 + 2, spec.LayerParameterCount(3));
        Assert.Equal(Shape.Image(2, 1, 1), spec.ShapeOf("g"));
        Assert.Equal(12, spec.FanIn(4));
        // A dense layer reads an image flattened: 2·4·3 values, then the vector's 3.
        Assert.Equal(27, spec.FanIn(5));
        Assert.Equal(Shape.Vector(5), spec.ShapeOf("d"));
        Assert.Equal(7, spec.FanIn(6));
        Assert.Equal(Shape.Vector(3), spec.ShapeOf("v"));
        Assert.False(spec.IsSequential);
        Assert.Equal(
            "x[2x6x5] + v[3] -> a = Conv(4, 3x3, stride 1, padding 1, Tanh)(x): 4x6x5 -> b = Conv(4, 1x1, stride 1, padding 0, Tanh)(x): 4x6x5" +
            " -> r = Add(a, b): 4x6x5 -> cat = Conv(2, 3x3, stride 1, padding 0, ReLU)(r, x, a): 2x4x3 -> g = GlobalAvgPool(cat): 2x1x1" +
            " -> d = Dense(5, Sigmoid)(cat, v) -> out = Dense(1, Identity)(g, d); cost SquaredError(out); 418 parameters",
            spec.ToString());
    }

    [Fact]
    public void Input_specs_keep_value_equality_and_the_vector_constructor()
    {
        Assert.Equal(new InputSpec("x", 3), new InputSpec("x", 3));
        Assert.Equal(new InputSpec("x", 1, 28, 28), new InputSpec("x", 1, 28, 28));
        Assert.NotEqual(new InputSpec("x", 1, 28, 28), new InputSpec("x", 28, 28, 1));
        Assert.NotEqual(new InputSpec("x", 784), new InputSpec("x", 1, 28, 28));
        var vector = new InputSpec("v", 5);
        Assert.Equal((5, 5, 1, 1, false), (vector.Size, vector.Channels, vector.Height, vector.Width, vector.IsImage));
        var image = new InputSpec("i", 3, 4, 5);
        Assert.Equal((60, 3, 4, 5, true), (image.Size, image.Channels, image.Height, image.Width, image.IsImage));
        (string name, int size) = image;
        Assert.Equal(("i", 60), (name, size));
        Assert.Equal("3x4x5", image.Shape.ToString());
        Assert.Equal("5", vector.Shape.ToString());
        Assert.Equal(2 * 20 + 1 * 5 + 3, Shape.Image(3, 4, 5).IndexOf(2, 1, 3));
    }

    [Fact]
    public void Factories_leave_the_size_to_the_spec_and_zero_what_does_not_apply()
    {
        LayerSpec conv = LayerSpec.Conv("c", 6, 5, 3, 2, 1, Activation.LeakyReLU, ["x"]);
        Assert.Equal((LayerKind.Conv, 0, 6, 5, 3, 2, 1, 0.01), (conv.Kind, conv.Size, conv.Filters, conv.KernelHeight, conv.KernelWidth, conv.Stride, conv.Padding, conv.Slope));
        LayerSpec pool = LayerSpec.AvgPool("p", 2, 3, 1, ["c"]);
        Assert.Equal((LayerKind.AvgPool, 0, 2, 3, 1, 0, Activation.Identity), (pool.Kind, pool.Filters, pool.KernelHeight, pool.KernelWidth, pool.Stride, pool.Padding, pool.Activation));
        LayerSpec global = LayerSpec.GlobalAvgPool("g", ["p"]);
        Assert.Equal((LayerKind.GlobalAvgPool, 0, 0, 0), (global.Kind, global.KernelHeight, global.Stride, global.Padding));
        var dense = new LayerSpec("d", LayerKind.Dense, 4, Activation.Tanh, ["g"]);
        Assert.Equal((0, 0, 0, 0, 0), (dense.Filters, dense.KernelHeight, dense.KernelWidth, dense.Stride, dense.Padding));

        LayerSpec steep = conv with { Slope = 0.2 };
        Assert.Equal(0.2, steep.Slope);
        var spec = new NetworkSpec([new InputSpec("x", 1, 9, 9)], [steep], [new OutputSpec("c", Loss.SquaredError)]);
        Assert.Contains("Conv(6, 5x3, stride 2, padding 1, LeakyReLU(0.2)): 6x4x5", spec.ToString(), StringComparison.Ordinal);
        Assert.Equal(0.2, spec.Layers[0].Slope);
        Assert.Equal(120, spec.Layers[0].Size);
    }

    [Theory]
    [InlineData("input channels", "Input 'x' has channels 0; expected a positive channels.")]
    [InlineData("input height", "Input 'x' has height -2; expected a positive height.")]
    [InlineData("input width", "Input 'x' has width 0; expected a positive width.")]
    [InlineData("filters", "Layer 'c' is a convolution with 0 filters; expected at least 1.")]
    [InlineData("kernel", "Layer 'c' has a 0x3 kernel; expected a positive height and width.")]
    [InlineData("stride", "Layer 'c' has stride 0; expected a positive stride.")]
    [InlineData("negative stride", "Layer 'p' has stride -1; expected a positive stride.")]
    [InlineData("padding", "Layer 'c' has padding -1; expected 0 or more.")]
    [InlineData("kernel too large", "Layer 'c' has a 7x3 kernel, larger than its 4x6 input padded by 1 on every side (6x8); expected a kernel of at most 6x8, so that the output has at least one row and one column.")]
    [InlineData("conv of a vector", "Layer 'c' is a convolution reading 'v', a vector of 24 values; expected an image (an image input, a convolution or a pooling layer).")]
    [InlineData("conv of a dense layer", "Layer 'c2' is a convolution reading 'd', a vector of 4 values; expected an image")]
    [InlineData("concatenation", "Layer 'c' concatenates 'x' (2x4x6) and 'y' (2x4x5) along channels; expected the same height and width.")]
    [InlineData("conv softmax", "Layer 'c' is a convolution with activation Softmax; expected an element-wise activation")]
    [InlineData("pool of a vector", "Layer 'p' is a max pooling reading 'v', a vector of 24 values; expected an image")]
    [InlineData("pool of two", "Layer 'p' is an average pooling of 2 sources; expected exactly one image.")]
    [InlineData("pool window", "Layer 'p' has a 0x0 window; expected a positive height and width.")]
    [InlineData("pool too large", "Layer 'p' has a 5x2 window, larger than its 2x4x6 input; expected a window of at most 4x6.")]
    [InlineData("pool activation", "Layer 'p' is a max pooling with activation ReLU; expected Identity, since pooling applies none.")]
    [InlineData("global of a vector", "Layer 'g' is a global average pooling reading 'v', a vector of 24 values; expected an image")]
    [InlineData("global of two", "Layer 'g' is a global average pooling of 2 sources; expected exactly one image.")]
    [InlineData("sum of shapes", "Layer 'r' adds 'v', a vector of 24 values; expected an image 2x3x4, the shape of 'z'.")]
    [InlineData("sum of images", "Layer 'r' adds 'w', an image 3x2x4; expected an image 2x3x4, the shape of 'z'.")]
    [InlineData("sum size", "Layer 'r' adds 'x' of size 48; expected size 24, the size of the sum.")]
    [InlineData("slope", "Layer 'c' has LeakyReLU slope NaN; expected a finite number.")]
    public void A_bad_convolutional_graph_is_refused_with_a_message_that_says_why(string which, string message)
    {
        InputSpec x = new("x", 2, 4, 6), v = new("v", 24);
        InputSpec[] inputs = which switch
        {
            "input channels" => [new InputSpec("x", 0, 4, 6)],
            "input height" => [new InputSpec("x", 2, -2, 6)],
            "input width" => [new InputSpec("x", 2, 4, 0)],
            "concatenation" => [x, new InputSpec("y", 2, 4, 5)],
            "sum of shapes" or "sum of images" or "sum size" => [x, v, new InputSpec("z", 2, 3, 4), new InputSpec("w", 3, 2, 4)],
            _ => [x, v],
        };
        LayerSpec ok = LayerSpec.Conv("ok", 1, 1, 1, 1, 0, Activation.Identity, ["x"]);
        LayerSpec[] layers = which switch
        {
            "filters" => [LayerSpec.Conv("c", 0, 3, 3, 1, 0, Activation.ReLU, ["x"])],
            "kernel" => [LayerSpec.Conv("c", 2, 0, 3, 1, 0, Activation.ReLU, ["x"])],
            "stride" => [LayerSpec.Conv("c", 2, 3, 3, 0, 0, Activation.ReLU, ["x"])],
            "negative stride" => [LayerSpec.MaxPool("p", 2, 2, -1, ["x"])],
            "padding" => [LayerSpec.Conv("c", 2, 3, 3, 1, -1, Activation.ReLU, ["x"])],
            "kernel too large" => [LayerSpec.Conv("c", 2, 7, 3, 1, 1, Activation.ReLU, ["x"])],
            "conv of a vector" => [LayerSpec.Conv("c", 2, 1, 1, 1, 0, Activation.ReLU, ["x", "v"])],
            "conv of a dense layer" => [new LayerSpec("d", LayerKind.Dense, 4, Activation.Tanh, ["x"]), LayerSpec.Conv("c2", 2, 1, 1, 1, 0, Activation.ReLU, ["d"])],
            "concatenation" => [LayerSpec.Conv("c", 2, 1, 1, 1, 0, Activation.ReLU, ["x", "y"])],
            "conv softmax" => [LayerSpec.Conv("c", 2, 1, 1, 1, 0, Activation.Softmax, ["x"])],
            "pool of a vector" => [LayerSpec.MaxPool("p", 2, 2, 2, ["v"])],
            "pool of two" => [LayerSpec.AvgPool("p", 2, 2, 2, ["x", "x"])],
            "pool window" => [LayerSpec.MaxPool("p", 0, 0, 1, ["x"])],
            "pool too large" => [LayerSpec.MaxPool("p", 5, 2, 1, ["x"])],
            "pool activation" => [new LayerSpec("p", LayerKind.MaxPool, 0, Activation.ReLU, ["x"])],
            "global of a vector" => [LayerSpec.GlobalAvgPool("g", ["v"])],
            "global of two" => [LayerSpec.GlobalAvgPool("g", ["x", "x"])],
            "sum of shapes" => [new LayerSpec("r", LayerKind.Add, 24, Activation.Identity, ["z", "v"])],
            "sum of images" => [new LayerSpec("r", LayerKind.Add, 24, Activation.Identity, ["z", "w"])],
            "sum size" => [new LayerSpec("r", LayerKind.Add, 24, Activation.Identity, ["z", "x"])],
            "slope" => [LayerSpec.Conv("c", 2, 1, 1, 1, 0, Activation.LeakyReLU, ["x"]) with { Slope = double.NaN }],
            _ => [ok],
        };
        var error = Assert.Throws<ArgumentException>(() => new NetworkSpec(inputs, [.. layers, ok], [new OutputSpec("ok", Loss.SquaredError)]));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(which.StartsWith("input", StringComparison.Ordinal) ? "inputs" : "layers", error.ParamName);
    }

    [Fact]
    public void Initial_weights_use_PyTorchs_Conv2d_fan_in_and_fan_out()
    {
        // conv1 (ReLU, He): fan-in 1·5·5 = 25; conv2 (tanh, Glorot): fan-in 8·5·5 = 200, fan-out 16·5·5 = 400; dense
        // (softmax, Glorot): fan-in 400, fan-out 10.
        var spec = new NetworkSpec([new InputSpec("x", 1, 28, 28)],
            [
                LayerSpec.Conv("c1", 8, 5, 5, 1, 2, Activation.ReLU, ["x"]),
                LayerSpec.MaxPool("p1", 2, 2, 2, ["c1"]),
                LayerSpec.Conv("c2", 16, 5, 5, 1, 0, Activation.Tanh, ["p1"]),
                LayerSpec.AvgPool("p2", 2, 2, 2, ["c2"]),
                new LayerSpec("out", LayerKind.Dense, 10, Activation.Softmax, ["p2"]),
            ],
            [new OutputSpec("out", Loss.CrossEntropy)]);
        var parameters = new double[spec.ParameterCount];
        ParameterInitializer.Initialize<double>(spec, parameters, seed: 5);
        (int Layer, double Limit)[] expected = [(0, Math.Sqrt(6.0 / 25)), (2, Math.Sqrt(6.0 / (200 + 400))), (4, Math.Sqrt(6.0 / (400 + 10)))];
        foreach ((int l, double limit) in expected)
        {
            double[] weights = parameters[spec.WeightOffset(l)..spec.BiasOffset(l)];
            Assert.All(weights, w => Assert.InRange(Math.Abs(w), 0, limit));
            Assert.True(weights.Max(Math.Abs) > 0.95 * limit, $"layer {l}: the weights reach {weights.Max(Math.Abs)} of ±{limit}");
            Assert.All(parameters[spec.BiasOffset(l)..(spec.WeightOffset(l) + spec.LayerParameterCount(l))], b => Assert.Equal(0, b));
        }
        // Deterministic, and the same values rounded in float.
        var again = new double[spec.ParameterCount];
        ParameterInitializer.Initialize<double>(spec, again, seed: 5);
        Assert.Equal(parameters, again);
        var single = new float[spec.ParameterCount];
        ParameterInitializer.Initialize<float>(spec, single, seed: 5);
        Assert.Equal(Array.ConvertAll(parameters, v => (float)v), single);
    }

    [Fact]
    public void Counts_that_do_not_fit_an_int_are_refused_not_overflowed()
    {
        var image = Assert.Throws<ArgumentOutOfRangeException>(() => new InputSpec("huge", 1000, 100000, 100000));
        Assert.Contains("Input 'huge' is 1000x100000x100000 = 10000000000000 values; expected at most 2147483647 in all.", image.Message, StringComparison.Ordinal);

        var output = Assert.Throws<ArgumentException>(() => new NetworkSpec([new InputSpec("x", 1, 40000, 40000)],
            [LayerSpec.Conv("c", 2, 1, 1, 1, 0, Activation.Identity, ["x"])], [new OutputSpec("c", Loss.SquaredError)]));
        Assert.Equal("Layer 'c' produces 3200000000 values; expected at most 2147483647. (Parameter 'layers')", output.Message);

        var weights = Assert.Throws<ArgumentException>(() => new NetworkSpec([new InputSpec("x", 50000)],
            [new LayerSpec("d", LayerKind.Dense, 50000, Activation.Tanh, ["x"])], [new OutputSpec("d", Loss.SquaredError)]));
        Assert.Equal("Layer 'd' has 2500050000 parameters; expected at most 2147483647. (Parameter 'layers')", weights.Message);

        var total = Assert.Throws<ArgumentException>(() => new NetworkSpec([new InputSpec("x", 40000)],
            [new LayerSpec("a", LayerKind.Dense, 30000, Activation.Tanh, ["x"]), new LayerSpec("b", LayerKind.Dense, 40000, Activation.Tanh, ["a"])],
            [new OutputSpec("b", Loss.SquaredError)]));
        Assert.Equal("The network has 2400070000 parameters in all; expected at most 2147483647. (Parameter 'layers')", total.Message);

        var inputs = Assert.Throws<ArgumentException>(() => new NetworkSpec([new InputSpec("a", 1, 40000, 40000), new InputSpec("b", 1, 40000, 40000)],
            [new LayerSpec("s", LayerKind.Add, 1_600_000_000, Activation.Identity, ["a", "b"])], [new OutputSpec("s", Loss.SquaredError)]));
        Assert.Equal("The inputs hold 3200000000 values in all; expected at most 2147483647. (Parameter 'inputs')", inputs.Message);

        var fanIn = Assert.Throws<ArgumentException>(() => new NetworkSpec([new InputSpec("a", 1, 40000, 40000)],
            [new LayerSpec("s", LayerKind.Add, 1_600_000_000, Activation.Identity, ["a", "a"])], [new OutputSpec("s", Loss.SquaredError)]));
        Assert.Equal("Layer 's' reads 3200000000 values per output; expected at most 2147483647. (Parameter 'layers')", fanIn.Message);
    }
}
