using Graph.Api.Catalog;
using Graph.Api.Data;
using Graph.Api.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Graph.Api.Reading;

internal sealed class ReadingProgressConfiguration : IEntityTypeConfiguration<ReadingProgress>
{
    public void Configure(EntityTypeBuilder<ReadingProgress> progress)
    {
        progress.ToTable("reading_progress", table =>
        {
            table.HasCheckConstraint("ck_reading_progress_percent", "percent BETWEEN 0 AND 100");
        });
        progress.HasKey(p => new { p.UserId, p.BookId });
        progress.Property(p => p.Position).HasMaxLength(ReadingRules.MaxLocatorLength);
        progress.Property(p => p.Percent).HasPrecision(7, 4);
        progress.Property(p => p.DeviceId).HasMaxLength(ReadingRules.MaxDeviceIdLength);
        // Stamped by the reading_stamp_change trigger on every insert and update; EF Core reads it back.
        progress.Property(p => p.ChangeXid).ValueGeneratedOnAddOrUpdate();
        progress.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        progress.HasOne<Book>().WithMany().HasForeignKey(p => p.BookId).OnDelete(DeleteBehavior.Cascade);
        progress.HasIndex(p => new { p.UserId, p.ChangeXid });
        progress.HasIndex(p => p.BookId);
    }
}

internal sealed class BookmarkConfiguration : IEntityTypeConfiguration<Bookmark>
{
    public void Configure(EntityTypeBuilder<Bookmark> bookmark)
    {
        bookmark.ToTable("bookmarks");
        bookmark.HasKey(b => b.Id);
        // The device makes the id.
        bookmark.Property(b => b.Id).ValueGeneratedNever();
        bookmark.Property(b => b.Position).HasMaxLength(ReadingRules.MaxLocatorLength);
        bookmark.Property(b => b.Label).HasMaxLength(ReadingRules.MaxLabelLength);
        bookmark.Property(b => b.DeviceId).HasMaxLength(ReadingRules.MaxDeviceIdLength);
        bookmark.Property(b => b.ChangeXid).ValueGeneratedOnAddOrUpdate();
        bookmark.HasOne<User>().WithMany().HasForeignKey(b => b.UserId).OnDelete(DeleteBehavior.Cascade);
        bookmark.HasOne<Book>().WithMany().HasForeignKey(b => b.BookId).OnDelete(DeleteBehavior.Cascade);
        bookmark.HasIndex(b => new { b.UserId, b.BookId });
        bookmark.HasIndex(b => new { b.UserId, b.ChangeXid });
        bookmark.HasIndex(b => b.BookId);
    }
}

internal sealed class AnnotationConfiguration : IEntityTypeConfiguration<Annotation>
{
    public void Configure(EntityTypeBuilder<Annotation> annotation)
    {
        annotation.ToTable("annotations", table =>
        {
            table.HasCheckConstraint("ck_annotations_color", EnumNames<HighlightColor>.CheckIn("color"));
        });
        annotation.HasKey(a => a.Id);
        annotation.Property(a => a.Id).ValueGeneratedNever();
        annotation.Property(a => a.Start).HasMaxLength(ReadingRules.MaxLocatorLength);
        annotation.Property(a => a.End).HasMaxLength(ReadingRules.MaxLocatorLength);
        annotation.Property(a => a.Excerpt).HasMaxLength(ReadingRules.MaxExcerptLength);
        annotation.Property(a => a.Color).HasConversion<EnumNameConverter<HighlightColor>>().HasMaxLength(EnumNames<HighlightColor>.MaxLength);
        annotation.Property(a => a.Note).HasMaxLength(ReadingRules.MaxNoteLength);
        annotation.Property(a => a.DeviceId).HasMaxLength(ReadingRules.MaxDeviceIdLength);
        annotation.Property(a => a.ChangeXid).ValueGeneratedOnAddOrUpdate();
        annotation.HasOne<User>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        annotation.HasOne<Book>().WithMany().HasForeignKey(a => a.BookId).OnDelete(DeleteBehavior.Cascade);
        annotation.HasIndex(a => new { a.UserId, a.BookId });
        annotation.HasIndex(a => new { a.UserId, a.ChangeXid });
        annotation.HasIndex(a => a.BookId);
    }
}
