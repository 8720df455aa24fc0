using Graph.Api.Identity;

namespace Graph.Api.Tests.Identity;

/// <summary>Email addresses, display names and passwords of accounts.</summary>
public sealed class AccountRulesTests
{
    [Theory]
    [InlineData("awa.diop@example.sn", "awa.diop@example.sn")]
    [InlineData("  Awa.Diop@Example.SN ", "awa.diop@example.sn")]
    [InlineData("admin@graph.local", "admin@graph.local")]
    [InlineData("kofi+coko@mail.example.com.gh", "kofi+coko@mail.example.com.gh")]
    [InlineData("o'brien@example-mail.ng", "o'brien@example-mail.ng")]
    public void Email_addresses_are_trimmed_and_lower_cased(string text, string expected) =>
        Assert.Equal(expected, EmailAddresses.Normalize(text));

    [Theory]
    [InlineData("")]
    [InlineData("awa.diop")]
    [InlineData("@example.sn")]
    [InlineData("awa@")]
    [InlineData("awa@@example.sn")]
    [InlineData("awa@example@sn")]
    [InlineData("awa@localhost")]
    [InlineData("awa@example.123")]
    [InlineData(".awa@example.sn")]
    [InlineData("awa.@example.sn")]
    [InlineData("awa..diop@example.sn")]
    [InlineData("awa diop@example.sn")]
    [InlineData("awa@-example.sn")]
    [InlineData("awa@example..sn")]
    [InlineData("Awa Diop <awa@example.sn>")]
    [InlineData("awa@exa_mple.sn")]
    [InlineData("aïssatou@example.sn")]
    public void Other_text_is_not_an_email_address(string text) =>
        Assert.Null(EmailAddresses.Normalize(text));

    [Fact]
    public void Email_addresses_have_limits()
    {
        Assert.NotNull(EmailAddresses.Normalize(new string('a', 64) + "@example.sn"));
        Assert.Null(EmailAddresses.Normalize(new string('a', 65) + "@example.sn"));
        Assert.Null(EmailAddresses.Normalize("a@" + new string('b', 64) + ".sn"));
        Assert.Null(EmailAddresses.Normalize("a@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 5)) + ".sn"));
    }

    [Theory]
    [InlineData("  Aïssatou Sow  ", "Aïssatou Sow", null)]
    [InlineData("", null, "The display name must not be empty.")]
    [InlineData("   ", null, "The display name must not be empty.")]
    [InlineData("Awa\nDiop", null, "The display name must not contain control characters (line breaks, tabs, NUL).")]
    public void Display_names_are_trimmed_and_checked(string text, string? expected, string? problem)
    {
        Assert.Equal(expected, AccountRules.CheckDisplayName(text, out var actualProblem));
        Assert.Equal(problem, actualProblem);
    }

    [Fact]
    public void Display_names_have_at_most_100_characters()
    {
        Assert.Equal(new string('é', 100), AccountRules.CheckDisplayName(new string('é', 100), out _));
        Assert.Null(AccountRules.CheckDisplayName(new string('é', 101), out var problem));
        Assert.Equal("The display name has more than 100 characters.", problem);
    }

    [Theory]
    [InlineData("baobab-sous-la-pluie")]
    [InlineData("Thiéboudienne du jeudi")]
    [InlineData("1234567890x")]
    [InlineData("graph-demo-2026")]
    public void Good_passwords_pass(string password) =>
        Assert.Null(AccountRules.PasswordProblem(password, "awa@example.sn", "+221771234567"));

    [Theory]
    [InlineData("court", "The password must have at least 10 characters.")]
    [InlineData("123456789", "The password must have at least 10 characters.")]
    [InlineData("1234567890", "This password is among the most common ones, which are tried first: choose another.")]
    [InlineData("PASSWORD123", "This password is among the most common ones, which are tried first: choose another.")]
    [InlineData("motdepasse", "This password is among the most common ones, which are tried first: choose another.")]
    [InlineData("AzertyUiop", "This password is among the most common ones, which are tried first: choose another.")]
    [InlineData("bismillah123", "This password is among the most common ones, which are tried first: choose another.")]
    [InlineData("senegal2026", "This password is among the most common ones, which are tried first: choose another.")]
    [InlineData("zzzzzzzzzzzz", "This password is among the most common ones, which are tried first: choose another.")]
    [InlineData("abcdefghijk", "This password is among the most common ones, which are tried first: choose another.")]
    [InlineData("9876543210", "This password is among the most common ones, which are tried first: choose another.")]
    [InlineData("Awa@Example.SN", "The password must not be the account's email address or phone number.")]
    [InlineData("+221771234567", "The password must not be the account's email address or phone number.")]
    [InlineData("00221 77 123 45 67", "The password must not be the account's email address or phone number.")]
    [InlineData("221771234567", "The password must not be the account's email address or phone number.")]
    [InlineData("77 123 45 67", "The password must not be the account's email address or phone number.")]
    public void Weak_passwords_are_refused_with_a_reason(string password, string expected) =>
        Assert.Equal(expected, AccountRules.PasswordProblem(password, "awa@example.sn", "+221771234567"));

    [Fact]
    public void Passwords_have_at_most_128_characters()
    {
        Assert.Null(AccountRules.PasswordProblem(new string('x', 127) + "y", null, null));
        Assert.Equal("The password must have at most 128 characters.", AccountRules.PasswordProblem(new string('x', 128) + "y", null, null));
    }

    [Fact]
    public void The_demo_password_is_fit() =>
        Assert.Null(AccountRules.PasswordProblem("graph-demo-2026", "admin@graph.local", null));
}
