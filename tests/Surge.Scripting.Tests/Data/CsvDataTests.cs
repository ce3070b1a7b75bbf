using Surge.Scripting.Data;

namespace Surge.Scripting.Tests.Data;

public sealed class CsvDataTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("surge-csv-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("username,password\nalice,a1\nbob\n", "data file 'users.csv' line 3 has 1 field, but the header has 2 (username, password); give every line one value per column")]
    [InlineData("username,password\nalice,a1\n\ncarol,c1,extra\n", "data file 'users.csv' line 4 has 3 fields, but the header has 2 (username, password); give every line one value per column")]
    [InlineData("username,password\nbob,\"x\"y\n", "data file 'users.csv' line 2 has a stray quote (\"); quote the whole field and double the quotes inside it, e.g. \"say \"\"hi\"\"\"")]
    [InlineData("", "data file 'users.csv' is empty; its first line names the columns, e.g. username,password")]
    [InlineData("username,password\n", "data file 'users.csv' has no rows; add at least one")]
    public void Csv_MalformedFile_NamesTheFileAndLine_InSurgesWords(string csv, string expected)
    {
        var error = Assert.ThrowsAny<IOException>(() => Load(csv, SharedArray.Csv));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void CsvOfRecords_ValueThatDoesNotFit_NamesTheLineAndColumn()
    {
        var error = Assert.ThrowsAny<IOException>(() => Load("name,age\nann,31\nbob,old\n", SharedArray.Csv<Person>));

        Assert.Equal("data file 'users.csv' line 3: 'old' in column age does not fit Person.Age; fix the value, or the property's type", error.Message);
    }

    [Fact]
    public void CsvOfRecords_PropertyWithoutAColumn_NamesIt()
    {
        var error = Assert.ThrowsAny<IOException>(() => Load("name\nann\n", SharedArray.Csv<Person>));

        Assert.Equal("data file 'users.csv' has no column for Age; its header line has name", error.Message);
    }

    [Fact]
    public void Csv_WellFormed_ReadsEveryRow()
    {
        var rows = Load("username,password\nalice,a1\nbob,\"b,2\"\n", SharedArray.Csv);

        Assert.Equal(["alice", "bob"], rows.Select(r => r["username"]));
        Assert.Equal("b,2", rows[1]["password"]);
    }

    private T Load<T>(string csv, Func<string, T> load)
    {
        File.WriteAllText(Path.Combine(_folder, "users.csv"), csv);
        return SharedArray.WithFolder(_folder, () => load("users.csv"));
    }

    public sealed record Person(string Name, int Age);
}
