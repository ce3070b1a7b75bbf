using Surge.Outcome;

namespace Surge.Tests.Analysis;

public class TargetRolesTests
{
    [Theory]
    [InlineData("postgres", "Database")]
    [InlineData("postgresql-16", "Database")]
    [InlineData("mysqld", "Database")]
    [InlineData("mariadbd", "Database")]
    [InlineData("mongod", "Database")]
    [InlineData("db", "Database")]
    [InlineData("orders-db", "Database")]
    [InlineData("web/postgres", "Database")]
    [InlineData("redis-server", "Cache")]
    [InlineData("memcached", "Cache")]
    [InlineData("cache", "Cache")]
    [InlineData("redis-db", "Cache")]
    [InlineData("local", "App")]
    [InlineData("dotnet", "App")]
    [InlineData("dbus-daemon", "App")]
    [InlineData("api", "App")]
    public void Of_TellsTheRoleFromLabelOrProcessName(string label, string role) =>
        Assert.Equal(role, TargetRoles.Of(label).ToString());
}
