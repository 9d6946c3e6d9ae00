/* ftstream: FreeType faces read through pread(2) instead of a mapping of
 * the whole font file.
 *
 * FreeType's own Unix stream maps the file. A CJK font is megabytes of
 * glyph programs, and every glyph rasterised or measured touches a page of
 * them; the kernel maps the pages around each fault too, so after a few
 * hundred glyphs nearly the whole file (4-5 MB for each of our four faces)
 * is counted in the kiosk's resident memory. Read through a stream, only
 * what FreeType keeps (tables, subroutines) is resident; a glyph program is
 * read into a short-lived buffer when the glyph is first loaded, which
 * happens when text is laid out or a glyph enters the atlas, never in a
 * steady frame. The file stays in the page cache, shared and reclaimable. */
#ifndef TEXT_FTSTREAM_H
#define TEXT_FTSTREAM_H

#include <ft2build.h>
#include FT_FREETYPE_H

/* FT_New_Face(lib, path, index, face), read through a stream. The file is
 * closed with the face (FT_Done_Face). */
FT_Error ftstream_new_face(FT_Library lib, const char *path, FT_Long index, FT_Face *face);

/* The face of the collection `path` whose family name is `family` (the
 * faces are tried in order), with its index in *index; NULL when the file
 * cannot be read or has no such face. Refuses what is not a regular file
 * (FreeType would block on a FIFO). */
FT_Face ftstream_face_of_family(FT_Library lib, const char *path, const char *family, int *index);

#endif
