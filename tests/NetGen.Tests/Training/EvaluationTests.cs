using System;
using System.Linq;
using NetGen.Tests.Generated;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests.Training;

/// <summary>Evaluate's cost is Backward's cost; accuracy does not credit NaN outputs or single outputs by default.</summary>
public sealed class EvaluationTests
{
    /// <summary>3 inputs straight into a 3-neuron softmax (W = I, b = 0): the logits are the input.</summary>
    private static ReferenceNetwork<float> Logits()
    {
        var network = new ReferenceNetwork<float>(NetworkSpec.Sequential(3, Loss.CrossEntropy, Precision.Single, (3, Activation.Softmax)));
        network.Parameters.Clear();
        for (int j = 0; j < 3; j++) network.Parameters[j * 3 + j] = 1f;
        return network;
    }

    [Fact]
    public void Cross_entropy_cost_of_huge_logits_is_Backwards_not_capped()
    {
        // Two examples of the wrong class at logits ±1e4 cost 2e4 each (the old −ln max(a, ε) capped at 744.44), one of
        // the right class costs 0.
        ReferenceNetwork<float> network = Logits();
        var data = new DataSet<float>([1e4f, 0f, -1e4f, 1e4f, 0f, -1e4f, 1e4f, 0f, -1e4f], [0f, 0f, 1f, 0f, 1f, 0f, 1f, 0f, 0f], 3, 3);

        Evaluation evaluation = Trainer<float>.Evaluate(network, data);

        Assert.Equal(MeanOfBackward(network, data), evaluation.MeanCost);
        Assert.Equal(30000.0 / 3, evaluation.MeanCost, 6);
        Assert.Equal(1, evaluation.Correct);
        Assert.Equal(evaluation, new Trainer<float>(network, new TrainerOptions()).Evaluate(data));
    }

    [Fact]
    public void The_mean_cost_of_a_generated_network_is_the_mean_of_its_Backward()
    {
        var network = new SoftmaxCrossEntropyF();
        var random = new Random(3);
        for (int i = 0; i < SoftmaxCrossEntropyF.ParameterCount; i++) network.Parameters[i] = (float)(4000 * random.NextDouble() - 2000);
        var inputs = Enumerable.Range(0, 40).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
        var targets = new float[30];
        for (int r = 0; r < 10; r++) targets[r * 3 + r % 3] = 1f;
        var data = new DataSet<float>(inputs, targets, 4, 3);

        Evaluation evaluation = Trainer<float>.Evaluate(network, data);

        Assert.Equal(MeanOfBackward(network, data), evaluation.MeanCost);
        Assert.True(evaluation.MeanCost > 744.5, $"mean cost {evaluation.MeanCost}: the weights are large enough for wrong outputs to round to 0, past the old cap −ln ε = 744.44");
    }

    private static double MeanOfBackward(INetwork<float> network, DataSet<float> data)
    {
        double sum = 0;
        for (int i = 0; i < data.Count; i++) sum += network.Backward(data.Input(i), data.Target(i), new float[network.ParameterCount]);
        return sum / data.Count;
    }

    [Fact]
    public void NaN_outputs_are_never_correct()
    {
        // A NaN bias makes every output NaN. ArgMax used to call that class 0, crediting every example of class 0.
        var network = new ReferenceNetwork<double>(NetworkSpec.Sequential(2, Loss.SquaredError, Precision.Double, (3, Activation.Sigmoid)));
        network.Parameters[network.Spec.BiasOffset(0)] = double.NaN;
        var data = new DataSet<double>([0, 1, 1, 0, 0.5, 0.5], [1, 0, 0, 1, 0, 0, 0, 1, 0], 2, 3);

        Evaluation evaluation = Trainer<double>.Evaluate(network, data);

        Assert.Equal(0, evaluation.Correct);
        Assert.Equal(3, evaluation.Count);
        Assert.True(double.IsNaN(evaluation.MeanCost));
        Assert.Equal([-1, -1, -1], Trainer<double>.Predict(network, data));
    }

    [Fact]
    public void One_output_is_thresholded_at_one_half()
    {
        // Zero parameters: σ(0) = 0.5, which counts as class 1; targets ≥ 0.5 are class 1. ArgMax of one value is always
        // 0, so every example used to count as correct.
        var network = new ReferenceNetwork<double>(NetworkSpec.Sequential(2, Loss.SquaredError, Precision.Double, (1, Activation.Sigmoid)));
        network.Parameters.Clear();
        var data = new DataSet<double>(new double[10], [1, 0, 1, 0.8, 0.2], 2, 1);

        Evaluation atHalf = Trainer<double>.Evaluate(network, data);
        network.Parameters[network.Spec.BiasOffset(0)] = -5; // σ(−5) = 0.0067: class 0
        Evaluation below = Trainer<double>.Evaluate(network, data);

        Assert.Equal((3, 5), (atHalf.Correct, atHalf.Count));
        Assert.Equal((2, 5), (below.Correct, below.Count));
        Assert.Equal([0, 0, 0, 0, 0], Trainer<double>.Predict(network, data));
        network.Parameters[network.Spec.BiasOffset(0)] = double.NaN;
        Assert.Equal(0, Trainer<double>.Evaluate(network, data).Correct);
        Assert.Equal([-1, -1, -1, -1, -1], Trainer<double>.Predict(network, data));
    }

    [Fact]
    public void ArgMax_is_minus_one_when_any_value_is_NaN()
    {
        Assert.Equal(-1, DataSet<float>.ArgMax([1f, float.NaN, 3f]));
        Assert.Equal(-1, DataSet<float>.ArgMax([float.NaN, 1f]));
        Assert.Equal(-1, DataSet<double>.ArgMax([double.NaN]));
        Assert.Equal(-1, DataSet<double>.ArgMax([5.0, 2.0, double.NaN]));
        Assert.Equal(1, DataSet<double>.ArgMax([2.0, 5.0, 5.0]));
        Assert.Equal(1, DataSet<double>.ArgMax([double.NegativeInfinity, -1.0]));
        Assert.Equal(0, DataSet<double>.ArgMax([double.PositiveInfinity, 1.0]));
        Assert.Equal(-1, new DataSet<double>([0.0], [0.2, double.NaN], 1, 2).Label(0));
    }

    [Fact]
    public void Empty_data_sets_are_refused_by_name_and_predict_to_nothing()
    {
        var network = new ReferenceNetwork<float>(NetworkSpec.Sequential(2, Loss.SquaredError, Precision.Single, (1, Activation.Sigmoid)));
        var empty = new DataSet<float>([], [], 2, 1);
        var one = new DataSet<float>([0f, 1f], [1f], 2, 1);
        var trainer = new Trainer<float>(network, new TrainerOptions());
        float[] before = network.Parameters.ToArray();

        var training = Assert.Throws<ArgumentException>(() => trainer.Train(empty, cancellationToken: TestContext.Current.CancellationToken));
        var evaluation = Assert.Throws<ArgumentException>(() => trainer.Train(one, empty, cancellationToken: TestContext.Current.CancellationToken));
        var data = Assert.Throws<ArgumentException>(() => trainer.Evaluate(empty));
        var staticData = Assert.Throws<ArgumentException>(() => Trainer<float>.Evaluate(network, empty));

        Assert.Equal(("training", "training has 0 examples; expected at least 1. (Parameter 'training')"), (training.ParamName, training.Message));
        Assert.Equal(("evaluation", "evaluation has 0 examples; expected at least 1. (Parameter 'evaluation')"), (evaluation.ParamName, evaluation.Message));
        Assert.Equal("data", data.ParamName);
        Assert.Equal("data", staticData.ParamName);
        Assert.StartsWith("data has 0 examples; expected at least 1.", staticData.Message, StringComparison.Ordinal);
        Assert.Empty(Trainer<float>.Predict(network, empty));
        Assert.Equal(before, network.Parameters.ToArray());
    }
}
